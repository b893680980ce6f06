import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { queueOrDrop } from '../../src/watch/queue-or-drop.js';

describe('queueOrDrop onProjectError', () => {
  it('reports a throwing or failing project and moves on to the next value', async () => {
    const source = new Subject<number>();
    const errors: Array<[string, number]> = [];
    const processed: number[] = [];
    let completed = false;
    source
      .pipe(
        queueOrDrop<number, number>({
          capacity: 10,
          project: (v) => {
            if (v === 1) throw new Error('thrown');
            if (v === 2) return Promise.reject(new Error('rejected'));
            processed.push(v);
            return Promise.resolve(v);
          },
          onProjectError: (err, v) => errors.push([(err as Error).message, v]),
        }),
      )
      .subscribe({ complete: () => (completed = true) });
    for (const v of [1, 2, 3, 4]) source.next(v);
    source.complete();
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([
      ['thrown', 1],
      ['rejected', 2],
    ]);
    expect(processed).toEqual([3, 4]);
    expect(completed).toBe(true);
  });
});
