// The shutdown sequence of EventsV1Broadcaster: stop accepting, let every consumer drain, write the final
// series counts, and at the deadline abandon what is left, leaving no timer or sleep behind.
import { runWithDeadline } from '../engine/deadline.js';
import type { Sleep } from '../engine/sleep.js';
import type { Clock, Logger } from '../shared/types.js';
import type { Broadcaster } from '../watch/broadcaster.js';
import { stopConsumers, type ConsumerSet } from '../watch/consumer-set.js';
import type { SinkConsumer } from './sink-consumer.js';
import type { EventsV1Event } from './types.js';
import type { EventsV1Writer } from './writer.js';

/** What the shutdown sequence works on. */
export interface ShutdownParts {
  readonly broadcaster: Broadcaster<EventsV1Event>;
  readonly consumers: ConsumerSet<EventsV1Event>;
  readonly writer: EventsV1Writer;
  readonly sinkConsumer: SinkConsumer;
  /** `startRecording()` was called: the final series counts are written. */
  readonly recording: boolean;
  /** Measures the deadline. */
  readonly clock: Clock;
  /** Waits for the deadline. */
  readonly sleep: Sleep;
  readonly logger: Logger;
}

/** Runs the sequence; `completed` is false when the deadline came first, `abandoned` what was left then. */
export async function shutDownWithDeadline(parts: ShutdownParts, timeoutMs: number): Promise<{ completed: boolean; abandoned: number }> {
  const { broadcaster, writer, sinkConsumer } = parts;
  const deadlineAt = parts.clock.now().getTime() + timeoutMs;
  await broadcaster.shutdown();
  writer.beginShutdown(deadlineAt);
  sinkConsumer.stopTimers();
  const consumers = parts.consumers.snapshot();
  let finished = false;
  const work = (async () => {
    await Promise.all(consumers.map((w) => w.whenComplete()));
    if (finished) return;
    // Every occurrence has been through the cache now: write the counts the server has not seen.
    if (parts.recording) sinkConsumer.queueFinalCounts();
    await writer.close();
  })();
  const completed = await runWithDeadline(work, parts.sleep, timeoutMs);
  finished = true;
  let abandoned = 0;
  if (!completed) {
    abandoned = stopConsumers(consumers);
    abandoned += writer.abandon();
    parts.logger.error('Shutdown deadline reached, abandoning queued events', { abandoned, timeoutMs });
  }
  writer.stopSleeping();
  return { completed, abandoned };
}
