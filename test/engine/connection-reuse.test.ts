// ConnectionReuse: one dispatcher per sink instead of client-node 2.x's new one per request.
import type { RequestContext } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ConnectionReuse, DISPATCHER_REFRESH_MS } from '../../src/engine/connection-reuse.js';

class FakeDispatcher {
  closed = 0;
  constructor(readonly id: number) {}
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

let ids = 0;
/** A request context as client-node 2.x hands it to middleware: a fresh dispatcher each time. */
function context2x() {
  let dispatcher = new FakeDispatcher(++ids);
  const made = dispatcher;
  const ctx = {
    getDispatcher: () => dispatcher,
    setDispatcher: (d: FakeDispatcher) => {
      dispatcher = d;
    },
  };
  return { ctx: ctx as unknown as RequestContext, used: () => dispatcher, made };
}

async function pass(reuse: ConnectionReuse, ctx: RequestContext): Promise<void> {
  await reuse.middleware.pre(ctx).toPromise();
}

describe('ConnectionReuse', () => {
  it('sends every request through the first dispatcher until the refresh interval, then swaps and closes the old one', async () => {
    let now = 0;
    const reuse = new ConnectionReuse(() => now);
    const first = context2x();
    await pass(reuse, first.ctx);
    const second = context2x();
    await pass(reuse, second.ctx);
    now = DISPATCHER_REFRESH_MS - 1;
    const third = context2x();
    await pass(reuse, third.ctx);
    expect([first.used().id, second.used().id, third.used().id]).toEqual([first.made.id, first.made.id, first.made.id]);
    now = DISPATCHER_REFRESH_MS;
    const fourth = context2x();
    await pass(reuse, fourth.ctx);
    expect(fourth.used()).toBe(fourth.made);
    expect(first.made.closed).toBe(1);
    await reuse.close();
    expect(fourth.made.closed).toBe(1);
    // After close every request keeps its own dispatcher.
    const fifth = context2x();
    await pass(reuse, fifth.ctx);
    expect(fifth.used()).toBe(fifth.made);
  });

  it('leaves client-node 1.x requests (an http.Agent, no dispatcher) alone', async () => {
    const reuse = new ConnectionReuse(() => 0);
    const agent = { keepAlive: false };
    const ctx = { getAgent: () => agent } as unknown as RequestContext;
    expect(await reuse.middleware.pre(ctx).toPromise()).toBe(ctx);
    await reuse.close();
  });
});
