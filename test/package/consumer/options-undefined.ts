// Type-level test, compiled inside a consumer of the packed tarball with exactOptionalPropertyTypes: every
// optional option a user may fill from the environment takes `undefined` (meaning "the default").
// Only compiled, never run. Types are taken from the calls (Parameters<...>), as users meet them.
import { KubeConfig } from '@kubernetes/client-node';
import { CoreV1EventSink, createEventRecorder, EventBroadcaster, EventsV1Broadcaster, EventsV1EventSink } from 'kube-record';
import { registerEventMetrics } from 'kube-record/prometheus';
import { FakeRecorder, startTestApiServer } from 'kube-record/testing';

declare const fromEnv: string | undefined;
declare const numberFromEnv: number | undefined;

// The proof that this file is compiled with exactOptionalPropertyTypes: a plain `?: string` refuses undefined.
interface PlainOptional {
  readonly a?: string;
}
// @ts-expect-error exactOptionalPropertyTypes is on
export const plain: PlainOptional = { a: fromEnv };

export async function everyOptionTakesUndefined(kc: KubeConfig): Promise<void> {
  const { recorder, broadcaster } = await createEventRecorder(kc, {
    component: 'example.com/my-operator',
    reportingInstance: fromEnv,
    api: undefined,
    correlatorOptions: { lruCacheSize: numberFromEnv, burstSize: numberFromEnv, qps: numberFromEnv, clock: undefined, spamFilter: undefined },
    sleepDurationMs: numberFromEnv,
    maxQueuedEvents: numberFromEnv,
    retryPolicy: undefined,
    retry: { baseDelayMs: numberFromEnv, maxDelayMs: numberFromEnv, maxRetryAfterMs: numberFromEnv },
    sinkConcurrency: numberFromEnv,
    writeQps: numberFromEnv,
    writeBurst: numberFromEnv,
    series: undefined,
    cacheSize: numberFromEnv,
    signal: undefined,
    logger: undefined,
    clock: undefined,
    sleep: undefined,
    ticker: undefined,
  });
  recorder.eventf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } }, undefined, 'Normal', 'R', 'A', 'n');
  await broadcaster.flush({ timeoutMs: numberFromEnv });
  await broadcaster.shutdown({ timeoutMs: numberFromEnv });

  const core = new EventBroadcaster({ maxQueuedEvents: numberFromEnv, logger: undefined, retryPolicy: undefined, sinkConcurrency: numberFromEnv });
  core.startRecordingToSink(new CoreV1EventSink(kc), { name: fromEnv });
  core.newRecorder({ component: 'my-operator', host: fromEnv });
  await core.shutdown({ timeoutMs: numberFromEnv });

  const v1 = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kc), cacheSize: numberFromEnv, series: undefined, random: undefined });
  v1.newRecorder('example.com/my-operator', { reportingInstance: fromEnv });
  registerEventMetrics(v1, { registry: undefined, prefix: fromEnv });
  await v1.shutdown({ timeoutMs: numberFromEnv });

  new FakeRecorder({ bufferSize: numberFromEnv, includeObject: undefined });
  const api = await startTestApiServer({ tokens: undefined, clock: undefined, eventsV1: undefined, requestLogLimit: numberFromEnv });
  api.events({ namespace: fromEnv });
  await api.stop();
}

export function requiredOptionsStayRequired(): void {
  // @ts-expect-error component is required, and undefined is not a component
  new EventBroadcaster().newRecorder({ component: fromEnv });
}
