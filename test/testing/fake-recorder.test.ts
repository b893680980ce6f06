import { describe, expect, it } from 'vitest';
import { FakeRecorder } from '../../src/testing/fake-recorder.js';
import { pod } from '../support/objects.js';

describe('FakeRecorder', () => {
  it('records "<type> <reason> <message>" with eventf formatting', () => {
    const r = new FakeRecorder();
    r.eventf(pod(), 'Warning', 'FailedSync', 'sync %s: %v', 'default/web-0', new Error('boom'));
    expect(r.events).toEqual(['Warning FailedSync sync default/web-0: boom']);
  });

  it('takes event() messages verbatim', () => {
    const r = new FakeRecorder();
    r.event(pod(), 'Normal', 'Done', '100% %s');
    expect(r.take()).toBe('Normal Done 100% %s');
    expect(r.take()).toBeUndefined();
  });

  it('appends the object kind/apiVersion with includeObject and annotations as a sorted Go map', () => {
    const r = new FakeRecorder({ includeObject: true });
    r.annotatedEventf(pod(), { zeta: '1', alpha: '2' }, 'Normal', 'Synced', 'ok');
    expect(r.events).toEqual(['Normal Synced ok involvedObject{kind=Pod,apiVersion=v1} map[alpha:2 zeta:1]']);
  });

  it('keeps bufferSize events and counts the rest instead of blocking', () => {
    const r = new FakeRecorder({ bufferSize: 2 });
    for (let i = 0; i < 5; i++) r.eventf(pod(), 'Normal', 'N', '%d', i);
    expect(r.events).toEqual(['Normal N 0', 'Normal N 1']);
    expect(r.dropped).toBe(3);
    r.clear();
    expect(r.events).toEqual([]);
    expect(r.dropped).toBe(0);
  });

  it('expectEvents passes on an exact match and throws a readable diff otherwise', () => {
    const r = new FakeRecorder();
    r.event(pod(), 'Normal', 'A', 'x');
    expect(() => r.expectEvents(['Normal A x'])).not.toThrow();
    expect(() => r.expectEvents([/^Normal A/])).not.toThrow();
    expect(() => r.expectEvents(['Normal B x'])).toThrow('FakeRecorder events differ\nexpected:\n  Normal B x\nactual:\n  Normal A x');
  });

  it('withLogger returns the same fake', () => {
    const r = new FakeRecorder();
    expect(r.withLogger({ debug() {}, info() {}, warn() {}, error() {} })).toBe(r);
  });
});
