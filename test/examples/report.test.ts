// The demo's output: kubectl's age format, the events table and the stats summary line.
import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { formatEventsTable, formatStatsSummary, humanDuration } from '../../examples/configmap-operator/report.js';
import type { EventBroadcasterStats } from '../../src/index.js';

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2_000, '<invalid>'],
    [-1_500, '0s'],
    [0, '0s'],
    [3_999, '3s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [9 * 60_000 + 59_000, '9m59s'],
    [10 * 60_000 + 30_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 20 * 60_000, '3h20m'],
    [47 * 3_600_000, '47h'],
    [53 * 3_600_000, '2d5h'],
    [3 * 86_400_000, '3d'],
    [400 * 86_400_000, '400d'],
    [(2 * 365 + 10) * 86_400_000, '2y10d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%d ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

function event(name: string, object: string, type: string, reason: string, message: string, count: number, first: string, last: string): CoreV1Event {
  return {
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'ConfigMap', apiVersion: 'v1', name: object, namespace: 'default' },
    type,
    reason,
    message,
    count,
    firstTimestamp: new Date(first),
    lastTimestamp: new Date(last),
  };
}

describe('formatEventsTable', () => {
  it('sorts by last timestamp, then first timestamp, then name, and pads columns like kubectl', () => {
    const now = new Date('2026-11-24T10:05:00Z');
    const table = formatEventsTable(
      [
        event('b.2', 'b', 'Warning', 'MissingKeys', 'missing required keys: [x y]', 12, '2026-11-24T10:00:00Z', '2026-11-24T10:04:57Z'),
        event('a.1', 'a', 'Normal', 'Validated', 'all 2 required keys present', 1, '2026-11-24T10:00:00Z', '2026-11-24T10:02:00Z'),
        event('b.1', 'b', 'Warning', 'MissingKeys', 'missing required keys: [y]', 1, '2026-11-24T10:00:00Z', '2026-11-24T10:04:57Z'),
      ],
      now,
    );
    expect(table.split('\n')).toEqual([
      'LAST SEEN   TYPE      REASON        OBJECT        COUNT   MESSAGE',
      '3m          Normal    Validated     configmap/a   1       all 2 required keys present',
      '3s          Warning   MissingKeys   configmap/b   1       missing required keys: [y]',
      '3s          Warning   MissingKeys   configmap/b   12      missing required keys: [x y]',
    ]);
  });

  it('prints only the header when there are no events', () => {
    expect(formatEventsTable([], new Date())).toBe('LAST SEEN   TYPE   REASON   OBJECT   COUNT   MESSAGE');
  });
});

describe('formatStatsSummary', () => {
  it('lists the counters and sums every loss but spam filtering under dropped', () => {
    const dropped = { queueFull: 1, afterShutdown: 2, invalid: 3, spamFiltered: 4, rejected: 5, retriesExhausted: 0, requestInvalid: 0, shutdown: 1 };
    const stats: EventBroadcasterStats = {
      accepted: 40,
      dropped,
      spamFiltered: 4,
      aggregated: 6,
      created: 13,
      patched: 18,
      failed: 6,
      retried: 0,
      sinks: [],
    };
    expect(formatStatsSummary(stats)).toBe('events: accepted 40, created 13, patched 18, aggregated 6, spam-filtered 4, dropped 12');
  });
});
