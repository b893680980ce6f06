// A request that cannot be built or serialised is final at once (client-go's RequestConstructionError):
// one try, no retry, counted as requestInvalid, logged once with the error — on both APIs, under both
// retry policies, through the real client-node sinks against the in-memory API server.
import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import type { EventsV1Sink } from '../../src/events/sink.js';
import type { EventsV1Event } from '../../src/events/types.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster } from '../../src/record/event-broadcaster.js';
import { classifyWriteFailure, RequestConstructionError } from '../../src/engine/request-construction.js';
import type { RetryPolicyName } from '../../src/engine/retry-policy.js';
import type { EventSink } from '../../src/record/sink.js';
import { apiServers, until } from '../support/api-servers.js';
import { capturingLogger } from '../support/logger.js';
import { recordedSleep } from '../support/sleep.js';

const server = apiServers();

/** Annotation values JSON (and so client-node's serializer) cannot send. */
function cyclic(): Record<string, unknown> {
  const loop: Record<string, unknown> = {};
  loop['self'] = loop;
  return loop;
}
const unsendable: Array<[string, () => unknown, string]> = [
  ['a BigInt', () => 10n, 'Do not know how to serialize a BigInt'],
  ['a cyclic object', cyclic, 'Converting circular structure to JSON'],
];

/**
 * The real sink, with the bad value put into the event just before it is sent (annotatedEventf checks
 * annotations, so a recorder cannot produce one): what a sink receiving such a body does.
 */
function poisoned<S extends EventSink | EventsV1Sink>(real: S, value: () => unknown, tries: string[]): S {
  const r = real as unknown as Record<'create' | 'update' | 'patch', (event: { metadata?: { annotations?: unknown } }, ...rest: unknown[]) => Promise<unknown>> & {
    close(): Promise<void>;
  };
  return {
    create: (event: { metadata?: { annotations?: unknown } }, ...rest: unknown[]) => {
      tries.push('create');
      if (event.metadata) event.metadata.annotations = { bad: value() };
      return r.create(event, ...rest);
    },
    update: (...args: Parameters<typeof r.update>) => r.update(...args),
    patch: (...args: Parameters<typeof r.patch>) => r.patch(...args),
    close: () => r.close(),
  } as unknown as S;
}

const objectNamed = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });

describe('requests that cannot be built are final', () => {
  for (const policy of ['server-aware', 'client-go'] as RetryPolicyName[]) {
    for (const [what, value, problem] of unsendable) {
      it(`core/v1, ${policy}: ${what} — 1 try, 0 retries, requestInvalid 1, one error line`, async () => {
        const api = await server();
        const tries: string[] = [];
        const slept = recordedSleep();
        const logger = capturingLogger();
        const b = new EventBroadcaster({ retryPolicy: policy, sleep: slept.sleep, logger });
        b.startRecordingToSink(poisoned(new CoreV1EventSink(api.kubeConfig), value, tries), { name: 'api' });
        b.newRecorder({ component: 'ctrl' }).event(objectNamed('web-0'), 'Normal', 'Started', 'x');
        await until(() => b.stats().failed === 1, 'the write to fail');
        const stats = b.stats();
        expect(tries).toEqual(['create']);
        expect(slept.delays).toEqual([]);
        expect([stats.retried, stats.dropped.requestInvalid, stats.dropped.retriesExhausted, stats.sinks[0]!.failed]).toEqual([0, 1, 0, 1]);
        expect(api.requests().filter((r) => r.path.includes('/events'))).toEqual([]);
        const errors = logger.lines.filter((l) => l.level === 'error');
        expect(errors.map((l) => [l.message, l.fields?.['tries'], l.fields?.['reason']])).toEqual([['Unable to construct event (will not retry!)', 1, 'Started']]);
        expect(String(errors[0]!.fields?.['error'])).toBe(`request could not be built: ${problem}`);
        await b.shutdown({ timeoutMs: 0 });
      });

      it(`events.k8s.io/v1, ${policy}: ${what} — 1 try, 0 retries, requestInvalid 1, one error line`, async () => {
        const api = await server();
        const tries: string[] = [];
        const slept = recordedSleep();
        const logger = capturingLogger();
        const sink = poisoned(new EventsV1EventSink(api.kubeConfig), value, tries);
        const b = new EventsV1Broadcaster({ sink, retryPolicy: policy, sleep: slept.sleep, logger, ticker: () => () => undefined });
        const failed: string[] = [];
        b.writes$.subscribe((o) => {
          if (o.kind === 'failed') failed.push(`${o.cause ?? ''} ${o.tries ?? 0}`);
        });
        b.startRecording();
        b.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }).eventf(objectNamed('web-0'), undefined, 'Normal', 'Started', 'Start', 'x');
        await until(() => b.stats().failed === 1, 'the write to fail');
        const stats = b.stats();
        expect(tries).toEqual(['create']);
        expect(slept.delays).toEqual([]);
        expect([stats.retried, stats.dropped.requestInvalid, stats.dropped.retriesExhausted]).toEqual([0, 1, 0]);
        expect(failed).toEqual(['requestInvalid 1']);
        expect(api.requests().filter((r) => r.path.includes('/events'))).toEqual([]);
        const errors = logger.lines.filter((l) => l.level === 'error');
        expect(errors.map((l) => [l.message, l.fields?.['reason']])).toEqual([['Unable to construct event (will not retry!)', 'Started']]);
        expect(String(errors[0]!.fields?.['error'])).toBe(`request could not be built: ${problem}`);
        await b.shutdown({ timeoutMs: 0 });
      });
    }
  }

  it('a sink that rejects (or throws) a RequestConstructionError itself: final at once, both policies', async () => {
    for (const policy of ['server-aware', 'client-go'] as RetryPolicyName[]) {
      for (const sync of [false, true]) {
        const slept = recordedSleep();
        let calls = 0;
        const sink: EventSink = {
          create: () => {
            calls++;
            const err = new RequestConstructionError('cannot build');
            if (sync) throw err;
            return Promise.reject(err);
          },
          update: (e: CoreV1Event) => Promise.resolve(e),
          patch: (e: CoreV1Event) => Promise.resolve(e),
        };
        const b = new EventBroadcaster({ retryPolicy: policy, sleep: slept.sleep, logger: capturingLogger() });
        b.startRecordingToSink(sink);
        b.newRecorder({ component: 'ctrl' }).event(objectNamed('web-0'), 'Normal', 'Started', 'x');
        const flushed = await b.flush({ timeoutMs: 1_000 });
        // the only sleep is flush's own deadline: no retry sleep
        expect([policy, sync, calls, slept.delays, flushed.failed, b.stats().retried, b.stats().dropped.requestInvalid]).toEqual([policy, sync, 1, [1_000], 1, 0, 1]);
        await b.shutdown({ timeoutMs: 0 });
      }
    }
  });

  it('events.k8s.io/v1: a custom sink rejecting with RequestConstructionError is final too', async () => {
    let calls = 0;
    const sink: EventsV1Sink = {
      create: () => {
        calls++;
        return Promise.reject(new RequestConstructionError('cannot build'));
      },
      update: (e: EventsV1Event) => Promise.resolve(e),
      patch: (e: EventsV1Event) => Promise.resolve(e),
    };
    const slept = recordedSleep();
    const b = new EventsV1Broadcaster({ sink, sleep: slept.sleep, logger: capturingLogger(), ticker: () => () => undefined });
    b.startRecording();
    b.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' }).eventf(objectNamed('web-0'), undefined, 'Normal', 'Started', 'Start', 'x');
    expect(await b.flush({ timeoutMs: 1_000 })).toEqual({ completed: true, written: 0, failed: 1, dropped: 0, pending: 0 });
    expect([calls, slept.delays, b.stats().retried, b.stats().dropped.requestInvalid]).toEqual([1, [1_000], 0, 1]); // 1 000: flush's deadline
    await b.shutdown({ timeoutMs: 0 });
  });
});

describe('classifyWriteFailure', () => {
  const transport = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  it('leaves a transport error on a serialisable body and an HTTP status error as they are', () => {
    expect(classifyWriteFailure(transport, { a: 'b' })).toBe(transport);
    const status = Object.assign(new Error('HTTP-Code: 400'), { code: 400 });
    expect(classifyWriteFailure(status, { n: 10n })).toBe(status);
  });
  it('turns a failure of a body that cannot become JSON into RequestConstructionError, with the original as cause', () => {
    const out = classifyWriteFailure(transport, { n: 10n }) as RequestConstructionError;
    expect([out.name, out.code, out.message, out.cause]).toEqual(['RequestConstructionError', 'RequestConstruction', 'request could not be built: Do not know how to serialize a BigInt', transport]);
    const invalidDate = classifyWriteFailure(new RangeError('Invalid time value'), { at: new Date(Number.NaN) }) as RequestConstructionError;
    expect(invalidDate.message).toBe('request could not be built: Invalid time value');
  });
});
