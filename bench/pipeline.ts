// The pipeline every bench measurement drives: eventf → broadcaster → correlator → a no-op sink, with the
// producer paced so that nothing is dropped (as the client-go measurement it is compared with).
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventBroadcaster, silentLogger, type EventPatch, type EventRecorder, type EventSink } from '../src/index.js';
import { callFor, type BenchPod } from './workloads.js';

/** At most this many events in flight (eventf'd, not yet written), so that nothing is dropped. */
const MAX_IN_FLIGHT = 900;

/** Counts writes and answers at once, like a server with zero latency. */
export class NoopSink implements EventSink {
  writes = 0;
  create(event: CoreV1Event): Promise<CoreV1Event> {
    this.writes++;
    return Promise.resolve(event);
  }
  update(event: CoreV1Event): Promise<CoreV1Event> {
    this.writes++;
    return Promise.resolve(event);
  }
  patch(event: CoreV1Event, _patch: EventPatch): Promise<CoreV1Event> {
    this.writes++;
    return Promise.resolve(event);
  }
}

export interface Pipeline {
  readonly broadcaster: EventBroadcaster;
  readonly recorder: EventRecorder;
  readonly sink: NoopSink;
}

/** A broadcaster writing to a {@link NoopSink}, with one recorder. */
export function newPipeline(): Pipeline {
  const sink = new NoopSink();
  const broadcaster = new EventBroadcaster({
    logger: silentLogger,
    // Spam filter burst so large that nothing is skipped; everything else default (as the Go run).
    correlatorOptions: { burstSize: 1_000_000_000 },
  });
  broadcaster.startRecordingToSink(sink);
  const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
  return { broadcaster, recorder, sink };
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Makes `events` eventf calls over `pods` (call i as the workload defines it) and waits until the sink
 * has written them all. With `latencies`, stores the duration of call i, in ns, at index i.
 */
export async function drive(p: Pipeline, pods: readonly BenchPod[], events: number, latencies?: Float64Array): Promise<void> {
  const { recorder, sink } = p;
  const base = sink.writes;
  for (let i = 0; i < events; i++) {
    const { pod, reason, step } = callFor(pods, i);
    if (latencies) {
      const t0 = process.hrtime.bigint();
      recorder.eventf(pod, 'Normal', reason, '%s step %d of %s', reason, step, pod.metadata.name);
      latencies[i] = Number(process.hrtime.bigint() - t0);
    } else {
      recorder.eventf(pod, 'Normal', reason, '%s step %d of %s', reason, step, pod.metadata.name);
    }
    // Pace the producer: let the sink catch up before 900 events are in flight.
    if (i + 1 - (sink.writes - base) >= MAX_IN_FLIGHT) {
      while (i + 1 - (sink.writes - base) >= MAX_IN_FLIGHT / 2) await yieldToLoop();
    }
  }
  while (sink.writes - base < events) await yieldToLoop();
}

/** Total events dropped anywhere in the pipeline (the pacing should keep this at 0). */
export function droppedCount(p: Pipeline): number {
  return Object.values(p.broadcaster.stats().dropped).reduce((a, b) => a + b, 0);
}
