import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CorrelationKeys, RecentKeys } from '../../src/record/correlation-keys.js';
import { aggregateByReason, getEventKey, getSpamKey, getSpamKeyByReason } from '../../src/record/keys.js';
import { makeTestEvent } from '../support/objects.js';

const defaults = { keyFunc: aggregateByReason, spamKeyFunc: getSpamKey, eventKeyFunc: getEventKey, aggregation: true };

function expectKeysOf(keys: CorrelationKeys, event: CoreV1Event): void {
  keys.compute(event);
  const [aggregateKey, localKey] = aggregateByReason(event);
  expect(keys.eventKey).toBe(getEventKey(event));
  expect(keys.aggregateKey).toBe(aggregateKey);
  expect(keys.localKey).toBe(localKey);
  expect(keys.spamKeyOf(event)).toBe(getSpamKey(event));
}

describe('CorrelationKeys', () => {
  it('builds the same keys as the key functions, event after event', () => {
    const keys = new CorrelationKeys(defaults);
    expectKeysOf(keys, makeTestEvent());
    expectKeysOf(keys, makeTestEvent({ reason: 'Killing', message: 'Stopping container' }));
    expectKeysOf(keys, makeTestEvent({ involvedObject: { kind: 'Pod', name: 'web-0', uid: 'uid-1', apiVersion: 'v1', fieldPath: 'spec.containers{a}' } }));
    expectKeysOf(keys, makeTestEvent({ reportingInstance: 'node-2' }));
    expectKeysOf(keys, makeTestEvent({ source: { component: 'ctrl' }, type: 'Warning' }));
  });

  it('rebuilds the keys of an object whose fields changed under the same uid', () => {
    const keys = new CorrelationKeys(defaults);
    expectKeysOf(keys, makeTestEvent());
    expectKeysOf(keys, makeTestEvent({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'web-0', uid: 'uid-1', apiVersion: 'v1' } }));
    expectKeysOf(keys, makeTestEvent({ involvedObject: { kind: 'Pod', name: 'web-0', apiVersion: 'v1' } }));
  });

  it('builds the dedupe key of an aggregate event on the same prefix', () => {
    const keys = new CorrelationKeys(defaults);
    for (const fieldPath of [undefined, 'spec.containers{a}']) {
      const event = makeTestEvent({ involvedObject: { kind: 'Pod', name: 'web-0', uid: 'uid-1', apiVersion: 'v1', fieldPath } });
      keys.compute(event);
      const aggregate = { ...event, message: `(combined from similar events): ${event.message ?? ''}`, reportingComponent: undefined };
      expect(keys.eventKeyOfAggregate(aggregate)).toBe(getEventKey(aggregate));
    }
  });

  it('keeps upstream key collisions (empty separator)', () => {
    const keys = new CorrelationKeys(defaults);
    keys.compute(makeTestEvent({ involvedObject: { kind: 'Pod', namespace: 'a', name: 'bc', uid: 'u', apiVersion: 'v1' } }));
    const first = keys.eventKey;
    keys.compute(makeTestEvent({ involvedObject: { kind: 'Pod', namespace: 'ab', name: 'c', uid: 'u', apiVersion: 'v1' } }));
    expect(keys.eventKey).toBe(first);
  });

  it('calls custom key functions, the spam key function on the observed event', () => {
    const keyFunc = (e: CoreV1Event): [string, string] => [`agg:${e.reason ?? ''}`, `local:${e.message ?? ''}`];
    const keys = new CorrelationKeys({ keyFunc, spamKeyFunc: getSpamKeyByReason, eventKeyFunc: getEventKey, aggregation: true });
    keys.compute(makeTestEvent());
    expect([keys.aggregateKey, keys.localKey]).toEqual(['agg:Started', 'local:Started container']);
    const observed = makeTestEvent({ reason: 'Aggregated' });
    expect(keys.spamKeyOf(observed)).toBe(getSpamKeyByReason(observed));
  });
});

describe('RecentKeys', () => {
  it('returns the remembered key of the same object, and builds it for any other', () => {
    const recent = new RecentKeys();
    const event = makeTestEvent();
    recent.remember(event, 'remembered');
    for (let i = 0; i < 10; i++) recent.remember(makeTestEvent(), `other-${i}`);
    expect(recent.keyOf(event)).toBe('remembered');
    const copy = { ...event };
    expect(recent.keyOf(copy)).toBe(getEventKey(copy));
  });

  it('forgets an object once enough newer ones were remembered', () => {
    const recent = new RecentKeys();
    const event = makeTestEvent();
    recent.remember(event, 'remembered');
    for (let i = 0; i < 100; i++) recent.remember(makeTestEvent(), `other-${i}`);
    expect(recent.keyOf(event)).toBe(getEventKey(event));
  });
});
