// EventsV1EventSink over a stub EventsV1Api: which client-node calls it makes.
import { KubeConfig, type EventsV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { toMicroTime } from '../../src/events/micro-time.js';
import type { EventsV1Event } from '../../src/events/types.js';

function fakeApi() {
  const calls: Array<[string, unknown, unknown]> = [];
  const record = (op: string) => async (param: unknown, options?: unknown) => {
    calls.push([op, param, options]);
    return (param as { body: EventsV1Event }).body;
  };
  const api = { createNamespacedEvent: record('create'), replaceNamespacedEvent: record('replace'), patchNamespacedEvent: record('patch') };
  return { calls, api: api as unknown as EventsV1Api };
}

const event: EventsV1Event = { metadata: { name: 'web-0.1', namespace: 'prod' }, eventTime: toMicroTime(new Date(0)), reason: 'R', action: 'A' };

describe('EventsV1EventSink', () => {
  it('creates, replaces and merge-patches through EventsV1Api, in the event namespace', async () => {
    const { calls, api } = fakeApi();
    const sink = new EventsV1EventSink(api);
    await sink.create(event);
    await sink.update(event);
    const patch = { series: { count: 2, lastObservedTime: '1970-01-01T00:00:01.000000Z' } };
    await sink.patch(event, patch);
    expect(calls.map(([op, param]) => [op, param])).toEqual([
      ['create', { namespace: 'prod', body: event }],
      ['replace', { name: 'web-0.1', namespace: 'prod', body: event }],
      ['patch', { name: 'web-0.1', namespace: 'prod', body: patch }],
    ]);
    expect(calls[2]?.[2]).toBeDefined(); // the Content-Type middleware (merge patch; asserted on the wire in integration.test.ts)
  });

  it("writes an event without namespace to 'default'", async () => {
    const { calls, api } = fakeApi();
    await new EventsV1EventSink(api).create({ ...event, metadata: { name: 'n1.1' } });
    expect(calls[0]?.[1]).toMatchObject({ namespace: 'default' });
  });

  it('accepts a KubeConfig', () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: 'http://127.0.0.1:1' }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    expect(() => new EventsV1EventSink(kc)).not.toThrow();
  });
});
