import { Subject, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { queueOrDrop } from '../../src/watch/queue-or-drop.js';

/** A controllable async step: the test decides when each processed value completes. */
function deferredSteps() {
  const started: number[] = [];
  const finishers: Array<() => void> = [];
  const project = (v: number) =>
    new Promise<string>((resolve) => {
      started.push(v);
      finishers.push(() => resolve(`done-${v}`));
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { started, project, finishNext };
}

describe('queueOrDrop', () => {
  it('processes values one at a time, in order', async () => {
    const source = new Subject<number>();
    const { started, project, finishNext } = deferredSteps();
    const out: string[] = [];
    source.pipe(queueOrDrop({ capacity: 10, project })).subscribe((v) => out.push(v));
    source.next(1);
    source.next(2);
    source.next(3);
    expect(started).toEqual([1]);
    await finishNext();
    expect(started).toEqual([1, 2]);
    await finishNext();
    await finishNext();
    expect(out).toEqual(['done-1', 'done-2', 'done-3']);
  });

  it('drops values that arrive while `capacity` values wait, and reports each drop', async () => {
    const source = new Subject<number>();
    const { started, project, finishNext } = deferredSteps();
    const dropped: number[] = [];
    const sizes: number[] = [];
    const result = lastValueFrom(
      source.pipe(queueOrDrop({ capacity: 2, project, onDrop: (v) => dropped.push(v), onSizeChange: (n) => sizes.push(n) }), toArray()),
    );
    for (let i = 1; i <= 6; i++) source.next(i);
    source.complete();
    // 1 is processing, 2 and 3 wait, 4..6 are dropped.
    expect(dropped).toEqual([4, 5, 6]);
    for (let i = 0; i < 3; i++) await finishNext();
    expect(started).toEqual([1, 2, 3]);
    expect(await result).toEqual(['done-1', 'done-2', 'done-3']);
    expect(sizes).toEqual([1, 2, 1, 0]);
  });

  it('runs synchronous projects (returning undefined) without queueing', () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    const dropped: number[] = [];
    source.pipe(queueOrDrop({ capacity: 0, project: (v) => void seen.push(v), onDrop: (v) => dropped.push(v) })).subscribe();
    for (let i = 0; i < 5; i++) source.next(i);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(dropped).toEqual([]);
  });

  it('completes only after the last queued value is processed', async () => {
    const source = new Subject<number>();
    const { project, finishNext } = deferredSteps();
    let completed = false;
    source.pipe(queueOrDrop({ capacity: 5, project })).subscribe({ complete: () => (completed = true) });
    source.next(1);
    source.next(2);
    source.complete();
    expect(completed).toBe(false);
    await finishNext();
    expect(completed).toBe(false);
    await finishNext();
    expect(completed).toBe(true);
  });

  it('reports values still waiting when unsubscribed as discarded', () => {
    const source = new Subject<number>();
    const { project } = deferredSteps();
    const discarded: number[] = [];
    const sub = source.pipe(queueOrDrop({ capacity: 5, project, onDiscard: (v) => discarded.push(v) })).subscribe();
    source.next(1);
    source.next(2);
    source.next(3);
    sub.unsubscribe();
    expect(discarded).toEqual([2, 3]);
  });

  it('forwards an error thrown by project', () => {
    const source = new Subject<number>();
    let error: unknown;
    source
      .pipe(
        queueOrDrop({
          capacity: 1,
          project: () => {
            throw new Error('boom');
          },
        }),
      )
      .subscribe({ error: (e: unknown) => (error = e) });
    source.next(1);
    expect((error as Error).message).toBe('boom');
  });
});
