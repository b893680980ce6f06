// `npm run bench [-- --json]`: end-to-end throughput (eventf → broadcaster → correlator → no-op sink) and
// eventf latency for the workloads W1–W3. Prints a table, or one JSON object per workload with --json.
import type { CoreV1Event } from '@kubernetes/client-node';
import { EventBroadcaster, silentLogger, type EventPatch, type EventSink } from '../src/index.js';
import { callFor, makePods, WORKLOADS, type Workload } from './workloads.js';

/** At most this many events in flight (eventf'd, not yet written), so that nothing is dropped. */
const MAX_IN_FLIGHT = 900;

/** Counts writes and answers at once, like a server with zero latency. */
class NoopSink implements EventSink {
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

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export async function runWorkload(w: Workload): Promise<WorkloadResult> {
  const pods = makePods(w.objects);
  const sink = new NoopSink();
  const broadcaster = new EventBroadcaster({
    logger: silentLogger,
    // Spam filter burst so large that nothing is skipped; everything else default (as the Go run).
    correlatorOptions: { burstSize: 1_000_000_000 },
  });
  broadcaster.startRecordingToSink(sink);
  const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
  const latencies = new Float64Array(w.events);

  const start = process.hrtime.bigint();
  for (let i = 0; i < w.events; i++) {
    const { pod, reason, step } = callFor(pods, i);
    const t0 = process.hrtime.bigint();
    recorder.eventf(pod, 'Normal', reason, '%s step %d of %s', reason, step, pod.metadata.name);
    latencies[i] = Number(process.hrtime.bigint() - t0);
    // Pace the producer: let the sink catch up before 900 events are in flight.
    if (i + 1 - sink.writes >= MAX_IN_FLIGHT) {
      while (i + 1 - sink.writes >= MAX_IN_FLIGHT / 2) await yieldToLoop();
    }
  }
  while (sink.writes < w.events) await yieldToLoop();
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const stats = broadcaster.stats();
  await broadcaster.shutdown();
  latencies.sort();
  return {
    workload: w.name,
    events: w.events,
    objects: w.objects,
    eventsPerSec: Math.round(w.events / (elapsedNs / 1e9)),
    eventfP50Ns: Math.round(percentile(latencies, 0.5)),
    eventfP99Ns: Math.round(percentile(latencies, 0.99)),
    writes: sink.writes,
    dropped: Object.values(stats.dropped).reduce((a, b) => a + b, 0),
  };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  // One warm-up pass so the JIT has compiled the hot path before we measure.
  await runWorkload({ name: 'warmup', objects: 500, events: 50_000 });
  const results: WorkloadResult[] = [];
  for (const w of WORKLOADS) results.push(await runWorkload(w));
  if (json) {
    for (const r of results) console.log(JSON.stringify(r));
    return;
  }
  console.log(`kube-record bench — node ${process.version}, ${new Date().toISOString()}`);
  console.log('workload  objects   events  events/s  eventf p50  eventf p99  writes  dropped');
  for (const r of results) {
    console.log(
      `${r.workload.padEnd(8)}  ${String(r.objects).padStart(7)}  ${String(r.events).padStart(7)}  ${String(r.eventsPerSec).padStart(8)}  ` +
        `${(r.eventfP50Ns / 1000).toFixed(2).padStart(7)} µs  ${(r.eventfP99Ns / 1000).toFixed(2).padStart(7)} µs  ${String(r.writes).padStart(6)}  ${String(r.dropped).padStart(7)}`,
    );
  }
}

await main();
