// Shared set-up of the integration tests: a real client-node client against the in-memory API server.
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestApiServer, type TestApiServer } from '../../src/testing/api-server/index.js';
import { CoreV1EventSink } from '../../src/record/core-v1-sink.js';
import { EventBroadcaster, type EventBroadcasterOptions } from '../../src/record/event-broadcaster.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { recordedSleep } from '../support/sleep.js';


/**
 * Polls until `predicate` holds (the HTTP round trips are real), failing after `timeoutMs`: a safety net
 * (milliseconds when idle), kept below the 20 s test timeout but far above what a loaded machine needs.
 */
export async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Harness {
  api: TestApiServer;
  core: CoreV1Api;
  clock: ManualClock;
  delays: number[];
  logger: ReturnType<typeof capturingLogger>;
  broadcaster: EventBroadcaster;
  /** Waits until the sink has handled (written or failed) `n` events in total. */
  settled(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: EventBroadcasterOptions = {}): Promise<Harness> {
  const api = await startTestApiServer();
  const core = api.kubeConfig.makeApiClient(CoreV1Api);
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const slept = recordedSleep();
  const logger = capturingLogger();
  const broadcaster = new EventBroadcaster({ clock, logger, sleep: slept.sleep, random: () => 0.5, ...options });
  broadcaster.startRecordingToSink(new CoreV1EventSink(api.kubeConfig), { name: 'api' });
  const handled = () => {
    const s = broadcaster.stats();
    return s.created + s.patched + s.failed + s.spamFiltered;
  };
  return {
    api,
    core,
    clock,
    delays: slept.delays,
    logger,
    broadcaster,
    settled: (n) => waitFor(() => handled() >= n),
    close: async () => {
      await broadcaster.shutdown({ timeoutMs: 2_000 });
      await api.stop();
    },
  };
}
