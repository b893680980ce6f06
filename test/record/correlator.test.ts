import { describe, expect, it } from 'vitest';
import { correlatorSharingNames, EventCorrelator } from '../../src/record/correlator.js';
import { getSpamKeyByReason } from '../../src/record/keys.js';
import { EventNameGenerator } from '../../src/shared/event-name.js';
import { ManualClock } from '../support/clock.js';
import { makeTestEvent } from '../support/objects.js';

function setup(options: ConstructorParameters<typeof EventCorrelator>[0] = {}) {
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const correlator = new EventCorrelator({ clock, ...options });
  const at = () => clock.now();
  return { clock, correlator, at };
}

describe('EventCorrelator: dedupe', () => {
  it('passes a first occurrence through unchanged, without a patch', () => {
    const { correlator } = setup();
    const event = makeTestEvent();
    const result = correlator.correlate(event);
    expect(result.skip).toBe(false);
    expect(result.patch).toBeUndefined();
    expect(result.event).toBe(event);
  });

  it('patches count and lastTimestamp on the second identical event, under the first name', () => {
    const { clock, correlator, at } = setup();
    correlator.correlate(makeTestEvent({ metadata: { name: 'web-0.first', namespace: 'default' } }, at()));
    clock.advance(5_250);
    const result = correlator.correlate(makeTestEvent({ metadata: { name: 'web-0.second', namespace: 'default' } }, at()));
    expect(result.event.metadata.name).toBe('web-0.first');
    expect(result.event.count).toBe(2);
    expect(result.event.firstTimestamp?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(result.event.lastTimestamp?.toISOString()).toBe('2026-11-24T10:00:05.250Z');
    expect(JSON.stringify(result.patch)).toBe('{"count":2,"lastTimestamp":"2026-11-24T10:00:05Z","message":"Started container"}');
  });

  it('leaves message out of the patch when it is empty', () => {
    const { correlator } = setup();
    correlator.correlate(makeTestEvent({ message: '' }));
    expect(JSON.stringify(correlator.correlate(makeTestEvent({ message: '' })).patch)).toBe('{"count":2,"lastTimestamp":"2026-11-24T10:00:00Z"}');
  });

  it('counts up from what the server stored (updateState)', () => {
    const { correlator } = setup();
    correlator.correlate(makeTestEvent());
    correlator.updateState(makeTestEvent({ count: 7, metadata: { name: 'server-name', namespace: 'default', resourceVersion: '42' } }));
    const result = correlator.correlate(makeTestEvent());
    expect(result.event.count).toBe(8);
    expect(result.event.metadata.name).toBe('server-name');
    expect(result.event.metadata.resourceVersion).toBe('42');
  });

  it('keeps the stored firstTimestamp whether the server copy has a Date, a date string (plain-JS sink) or none', () => {
    const { correlator } = setup();
    const stored = (firstTimestamp: unknown) => {
      correlator.correlate(makeTestEvent());
      correlator.updateState(makeTestEvent({ count: 3, firstTimestamp: firstTimestamp as Date }));
      return correlator.correlate(makeTestEvent()).event.firstTimestamp;
    };
    expect(stored(new Date('2026-11-24T08:00:00Z'))?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(stored('2026-11-24T09:00:00Z')?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(stored(undefined)).toBeUndefined();
  });

  it('never dedupes an event with count 0', () => {
    const { correlator } = setup();
    correlator.correlate(makeTestEvent({ count: 0 }));
    const result = correlator.correlate(makeTestEvent({ count: 0 }));
    expect(result.patch).toBeUndefined();
    expect(result.event.count).toBe(0);
  });

  it('treats a different fieldPath as a different event', () => {
    const { correlator } = setup();
    const base = makeTestEvent();
    correlator.correlate(base);
    const other = makeTestEvent({ involvedObject: { ...base.involvedObject, fieldPath: 'spec.containers{web}' } });
    expect(correlator.correlate(other).patch).toBeUndefined();
  });

  it('forgets the least recently used keys beyond lruCacheSize', () => {
    const { correlator } = setup({ lruCacheSize: 2, spamFilter: false, aggregation: false });
    correlator.correlate(makeTestEvent({ message: 'a' }));
    correlator.correlate(makeTestEvent({ message: 'b' }));
    correlator.correlate(makeTestEvent({ message: 'c' }));
    expect(correlator.correlate(makeTestEvent({ message: 'a' })).patch).toBeUndefined();
    expect(correlator.correlate(makeTestEvent({ message: 'c' })).patch?.count).toBe(2);
  });
});

describe('EventCorrelator: aggregation', () => {
  it('turns the 10th distinct message for one object and reason into "(combined from similar events): …"', () => {
    const { correlator } = setup();
    for (let i = 1; i <= 9; i++) {
      const r = correlator.correlate(makeTestEvent({ message: `msg-${i}` }));
      expect(r.aggregated).toBe(false);
    }
    const tenth = correlator.correlate(
      makeTestEvent({ message: 'msg-10', metadata: { name: 'web-0.x', namespace: 'default', annotations: { a: 'b' } } }),
    );
    expect(tenth.aggregated).toBe(true);
    expect(tenth.patch).toBeUndefined();
    const e = tenth.event;
    expect(e.message).toBe('(combined from similar events): msg-10');
    expect(e.count).toBe(1);
    expect(e.metadata.name).toBe(`web-0.${(BigInt(Date.parse('2026-11-24T10:00:00Z')) * 1_000_000n).toString(16)}`);
    expect(e.metadata.namespace).toBe('default');
    expect(e.metadata.annotations).toBeUndefined();
    expect(e.reportingComponent).toBeUndefined();
    expect(e.reportingInstance).toBeUndefined();
    expect(e.reason).toBe('Started');
    expect(e.source).toEqual({ component: 'ctrl', host: 'node-1' });
  });

  it('names only a first aggregate event: its repeats take its name and use up no suffix', () => {
    const clock = new ManualClock('2026-11-24T10:00:00Z');
    const names = new EventNameGenerator();
    const correlator = correlatorSharingNames({ clock }, names);
    const base = BigInt(Date.parse('2026-11-24T10:00:00Z')) * 1_000_000n;
    const written = [];
    for (let i = 1; i <= 13; i++) written.push(correlator.correlate(makeTestEvent({ message: `msg-${i}` }, clock.now())).event);
    expect(written.slice(9).map((e) => [e.metadata.name, e.count])).toEqual([
      [`web-0.${base.toString(16)}`, 1],
      [`web-0.${base.toString(16)}`, 2],
      [`web-0.${base.toString(16)}`, 3],
      [`web-0.${base.toString(16)}`, 4],
    ]);
    expect(names.nextSuffix(clock.now().getTime())).toBe((base + 1n).toString(16));
  });

  it('patches the aggregate with the latest message on each further distinct message', () => {
    const { clock, correlator } = setup();
    for (let i = 1; i <= 10; i++) correlator.correlate(makeTestEvent({ message: `msg-${i}` }, clock.now()));
    clock.advanceSeconds(1);
    const r = correlator.correlate(makeTestEvent({ message: 'msg-11' }, clock.now()));
    expect(r.aggregated).toBe(true);
    expect(r.event.count).toBe(2);
    expect(JSON.stringify(r.patch)).toBe(
      '{"count":2,"lastTimestamp":"2026-11-24T10:00:01Z","message":"(combined from similar events): msg-11"}',
    );
  });

  it('removes the least recently seen message when the set is full (deterministic rule)', () => {
    const { correlator } = setup();
    for (let i = 1; i <= 10; i++) correlator.correlate(makeTestEvent({ message: `msg-${i}` }));
    // The set now holds msg-2..msg-10: msg-1 left it, so msg-1 is aggregated; msg-5 is still known.
    expect(correlator.correlate(makeTestEvent({ message: 'msg-1' })).aggregated).toBe(true);
    const known = correlator.correlate(makeTestEvent({ message: 'msg-5' }));
    expect(known.aggregated).toBe(false);
    expect(known.event.message).toBe('msg-5');
    expect(known.event.count).toBe(2);
  });

  it('starts a new window after more than maxIntervalInSeconds of quiet', () => {
    const { clock, correlator } = setup();
    for (let i = 1; i <= 9; i++) correlator.correlate(makeTestEvent({ message: `msg-${i}` }));
    clock.advanceSeconds(600);
    // Exactly 600 s later: still the same window (strictly greater resets).
    expect(correlator.correlate(makeTestEvent({ message: 'msg-10' })).aggregated).toBe(true);
    clock.advanceSeconds(601);
    expect(correlator.correlate(makeTestEvent({ message: 'msg-11' })).aggregated).toBe(false);
  });

  it('keeps reporting controllers apart', () => {
    const { correlator } = setup();
    for (let i = 1; i <= 9; i++) correlator.correlate(makeTestEvent({ message: `msg-${i}` }));
    expect(correlator.correlate(makeTestEvent({ message: 'msg-10', reportingInstance: 'other' })).aggregated).toBe(false);
  });

  it('can be switched off with aggregation: false', () => {
    const { correlator } = setup({ aggregation: false });
    for (let i = 1; i <= 20; i++) expect(correlator.correlate(makeTestEvent({ message: `msg-${i}` })).aggregated).toBe(false);
  });

  it('honours maxEvents and messageFunc', () => {
    const { correlator } = setup({ maxEvents: 3, messageFunc: (e) => `agg: ${e.message ?? ''}` });
    correlator.correlate(makeTestEvent({ message: 'a' }));
    correlator.correlate(makeTestEvent({ message: 'b' }));
    expect(correlator.correlate(makeTestEvent({ message: 'c' })).event.message).toBe('agg: c');
  });
});

describe('EventCorrelator: spam filter', () => {
  it('lets 25 events through per object and type, then skips', () => {
    const { correlator } = setup();
    const results = Array.from({ length: 30 }, () => correlator.correlate(makeTestEvent()).skip);
    expect(results.filter((s) => !s)).toHaveLength(25);
    expect(results.indexOf(true)).toBe(25);
  });

  it('refills one token every 300 s', () => {
    const { clock, correlator } = setup();
    for (let i = 0; i < 26; i++) correlator.correlate(makeTestEvent());
    clock.advanceSeconds(299);
    expect(correlator.correlate(makeTestEvent()).skip).toBe(true);
    clock.advanceSeconds(1);
    expect(correlator.correlate(makeTestEvent()).skip).toBe(false);
    expect(correlator.correlate(makeTestEvent()).skip).toBe(true);
  });

  it('counts skipped occurrences: the next event that passes carries them', () => {
    const { clock, correlator } = setup();
    for (let i = 0; i < 30; i++) correlator.correlate(makeTestEvent());
    clock.advanceSeconds(300);
    const r = correlator.correlate(makeTestEvent());
    expect(r.skip).toBe(false);
    expect(r.event.count).toBe(31);
    expect(r.patch?.count).toBe(31);
  });

  it('gives Warning and Normal events separate buckets', () => {
    const { correlator } = setup();
    for (let i = 0; i < 25; i++) correlator.correlate(makeTestEvent());
    expect(correlator.correlate(makeTestEvent()).skip).toBe(true);
    expect(correlator.correlate(makeTestEvent({ type: 'Warning' })).skip).toBe(false);
  });

  it('shares one bucket across reasons by default, and separates them with getSpamKeyByReason', () => {
    const shared = setup().correlator;
    for (let i = 0; i < 25; i++) shared.correlate(makeTestEvent({ reason: 'BackOff' }));
    expect(shared.correlate(makeTestEvent({ reason: 'Started' })).skip).toBe(true);
    const byReason = setup({ spamKeyFunc: getSpamKeyByReason }).correlator;
    for (let i = 0; i < 25; i++) byReason.correlate(makeTestEvent({ reason: 'BackOff' }));
    expect(byReason.correlate(makeTestEvent({ reason: 'Started' })).skip).toBe(false);
  });

  it('honours burstSize and qps, and treats 0 as the default (as client-go)', () => {
    const custom = setup({ burstSize: 2, qps: 1 });
    expect([0, 1, 2].map(() => custom.correlator.correlate(makeTestEvent()).skip)).toEqual([false, false, true]);
    custom.clock.advance(1000);
    expect(custom.correlator.correlate(makeTestEvent()).skip).toBe(false);
    const zero = setup({ burstSize: 0, qps: 0 });
    expect(zero.correlator.options.burstSize).toBe(25);
    expect(zero.correlator.options.qps).toBe(1 / 300);
  });

  it('can be switched off with spamFilter: false', () => {
    const { correlator } = setup({ spamFilter: false });
    for (let i = 0; i < 100; i++) expect(correlator.correlate(makeTestEvent()).skip).toBe(false);
  });
});
