// Throughput and eventf latency of one workload (W1–W3): end-to-end events/s through the pipeline and the
// p50/p99 duration of a single eventf call. Two passes, each on a fresh pipeline: events/s from a pass with
// no timer around the calls (two hrtime.bigint() per call cost ~8 % of the throughput: a controller does
// not time its eventf calls), then the latencies from a pass that times every call.
import { drive, droppedCount, newPipeline } from './pipeline.js';
import { makePods, type Workload } from './workloads.js';

/** One line of the bench's output (and one `--json` object). */
export interface WorkloadResult {
  workload: string;
  events: number;
  objects: number;
  eventsPerSec: number;
  eventfP50Ns: number;
  eventfP99Ns: number;
  writes: number;
  dropped: number;
}

/** The value at fraction `p` (0–1) of `sorted`, ascending: `percentile(sorted, 0.5)` is the median. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export async function runWorkload(w: Workload): Promise<WorkloadResult> {
  const pods = makePods(w.objects);
  const pipeline = newPipeline();
  const start = process.hrtime.bigint();
  await drive(pipeline, pods, w.events);
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const dropped = droppedCount(pipeline);
  await pipeline.broadcaster.shutdown();

  const timed = newPipeline();
  const latencies = new Float64Array(w.events);
  await drive(timed, pods, w.events, latencies);
  await timed.broadcaster.shutdown();
  latencies.sort();
  return {
    workload: w.name,
    events: w.events,
    objects: w.objects,
    eventsPerSec: Math.round(w.events / (elapsedNs / 1e9)),
    eventfP50Ns: Math.round(percentile(latencies, 0.5)),
    eventfP99Ns: Math.round(percentile(latencies, 0.99)),
    writes: pipeline.sink.writes,
    dropped: dropped + droppedCount(timed),
  };
}
