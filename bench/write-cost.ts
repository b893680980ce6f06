// The write-cost measurement of bench/http.ts, run in a child process of its own (one per client-node
// line) against the API server process: for core/v1 and events.k8s.io/v1, creates and patches, 1 and 8
// in flight, events/s and CPU µs per written event (`process.cpuUsage()` of this process, which holds
// nothing but the client) for kube-record and for a bare keep-alive node:https client sending the same
// requests (URL, headers, JSON bodies of the same shape; it reads and JSON.parses every answer, as any
// client using the server's copy does). The two alternate run by run, `rounds` times; each row reports
// the medians (ratios: the median of each round's ratio). Prints one JSON object per row on stdout.
//   create rows: distinct objects, one event each, timed from the first eventf to flush().
//   patch rows: the same objects once more (created untimed first): a core/v1 count PATCH
//   (strategic merge) or an events.k8s.io/v1 series PATCH (merge patch) per object.
import { Agent, request } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { CoreV1EventSink, EventBroadcaster, EventsV1Broadcaster, EventsV1EventSink, silentLogger } from '../src/index.js';
import { makePods, type BenchPod } from './workloads.js';

/** What bench/http.ts passes as the first argument (JSON). */
export interface WriteCostOptions {
  readonly url: string;
  readonly token: string;
  /** The server's CA certificate (PEM). */
  readonly ca: string;
  /** The client-node line this process runs on (for the workload names). */
  readonly line: 1 | 2;
  readonly rounds: number;
  /** Events per run, by concurrency. */
  readonly events: Readonly<Record<number, number>>;
}

/** One row: kube-record's and the bare client's medians. */
export interface WriteCostRow {
  workload: string;
  api: 'core' | 'eventsV1';
  op: 'create' | 'patch';
  clientNode: string;
  sinkConcurrency: number;
  events: number;
  eventsPerSec: number;
  cpuUsPerEvent: number;
  bareEventsPerSec: number;
  bareCpuUsPerEvent: number;
  ceilingRatio: number;
  cpuRatio: number;
}

type Api = WriteCostRow['api'];
type Op = WriteCostRow['op'];
interface Run {
  eventsPerSec: number;
  cpuUsPerEvent: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as WriteCostOptions;
const kubeConfig = new KubeConfig();
kubeConfig.loadFromOptions({
  clusters: [{ name: 'bench', server: options.url, caData: Buffer.from(options.ca).toString('base64') }],
  users: [{ name: 'bench', token: options.token }],
  contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: 'default' }],
  currentContext: 'bench',
});
let runId = 0;
/**
 * KUBE_RECORD_BENCH_PROFILE=ours (or bare) runs only kube-record (or only the bare client), for
 * `node --cpu-prof` of one of them alone; the ratios are then meaningless.
 */
const PROFILE_OURS = process.env['KUBE_RECORD_BENCH_PROFILE'] === 'ours';
const PROFILE_BARE = process.env['KUBE_RECORD_BENCH_PROFILE'] === 'bare';
const SKIPPED: Run = { eventsPerSec: 1, cpuUsPerEvent: 1 };

/** Times `work` (which writes `events` events): wall time and this process's CPU time. */
async function timed(events: number, work: () => Promise<void>): Promise<Run> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { eventsPerSec: events / seconds, cpuUsPerEvent: (used.user + used.system) / events };
}

function pods(n: number): BenchPod[] {
  const id = `r${runId++}`;
  return makePods(n).map((p) => ({ ...p, metadata: { ...p.metadata, name: `${p.metadata.name}-${id}`, uid: `${p.metadata.uid}-${id}` } }));
}

async function kubeRecordCore(op: Op, concurrency: number, events: number): Promise<Run> {
  const objects = pods(events);
  const broadcaster = new EventBroadcaster({ logger: silentLogger, sinkConcurrency: concurrency, maxQueuedEvents: events });
  broadcaster.startRecordingToSink(new CoreV1EventSink(kubeConfig));
  const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
  const emit = async (): Promise<void> => {
    for (const pod of objects) recorder.eventf(pod, 'Warning', 'BackOff', 'Back-off restarting failed container %s', pod.metadata.name);
    const flushed = await broadcaster.flush({ timeoutMs: 120_000 });
    if (!flushed.completed || flushed.written !== events) throw new Error(`core ${op}: ${JSON.stringify(flushed)}`);
  };
  if (op === 'patch') await emit();
  const run = await timed(events, emit);
  await broadcaster.shutdown({ timeoutMs: 5000 });
  return run;
}

async function kubeRecordEventsV1(op: Op, concurrency: number, events: number): Promise<Run> {
  const objects = pods(events);
  const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(kubeConfig), logger: silentLogger, sinkConcurrency: concurrency, maxQueuedEvents: events });
  broadcaster.startRecording();
  const recorder = broadcaster.newRecorder('example.com/bench', { reportingInstance: 'node-1' });
  const emit = async (): Promise<void> => {
    for (const pod of objects) recorder.eventf(pod, null, 'Warning', 'BackOff', 'Restarting', 'Back-off restarting failed container %s', pod.metadata.name);
    const flushed = await broadcaster.flush({ timeoutMs: 120_000 });
    if (!flushed.completed || flushed.written !== events) throw new Error(`eventsV1 ${op}: ${JSON.stringify(flushed)}`);
  };
  if (op === 'patch') await emit();
  const run = await timed(events, emit);
  await broadcaster.shutdown({ timeoutMs: 5000 });
  return run;
}

const ACCEPT = 'application/json, */*;q=0.8';
const CONTENT_TYPE: Readonly<Record<Api, string>> = { core: 'application/strategic-merge-patch+json', eventsV1: 'application/merge-patch+json' };
const PATH: Readonly<Record<Api, string>> = { core: '/api/v1/namespaces/default/events', eventsV1: '/apis/events.k8s.io/v1/namespaces/default/events' };

/** The body kube-record sends for `pod`'s event (same fields, same shape). */
function createBody(api: Api, pod: BenchPod, name: string): string {
  const now = new Date();
  const ref = { kind: pod.kind, namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: pod.apiVersion, resourceVersion: pod.metadata.resourceVersion };
  const message = `Back-off restarting failed container ${pod.metadata.name}`;
  if (api === 'core') {
    return JSON.stringify({
      metadata: { name, namespace: 'default' },
      involvedObject: ref,
      reason: 'BackOff',
      message,
      source: { component: 'bench', host: 'node-1' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: 'Warning',
      eventTime: undefined,
      reportingComponent: 'bench',
      reportingInstance: 'node-1',
    });
  }
  return JSON.stringify({
    metadata: { name, namespace: 'default' },
    eventTime: `${now.toISOString().slice(0, 19)}.000000Z`,
    reportingController: 'example.com/bench',
    reportingInstance: 'node-1',
    action: 'Restarting',
    reason: 'BackOff',
    regarding: ref,
    note: message,
    type: 'Warning',
  });
}

function patchBody(api: Api, pod: BenchPod): string {
  const now = new Date().toISOString();
  if (api === 'core') return JSON.stringify({ count: 2, lastTimestamp: `${now.slice(0, 19)}Z`, message: `Back-off restarting failed container ${pod.metadata.name}` });
  return JSON.stringify({ series: { count: 2, lastObservedTime: `${now.slice(0, 19)}.000000Z` } });
}

/** The bare client: `concurrency` requests at a time on one keep-alive agent. */
async function bare(api: Api, op: Op, concurrency: number, events: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: options.ca });
  const objects = pods(events);
  const names = objects.map((p) => `${p.metadata.name}.${Date.now().toString(16)}`);
  const send = (method: string, path: string, contentType: string, body: string) =>
    new Promise<void>((resolve, reject) => {
      const headers = { accept: ACCEPT, 'content-type': contentType, authorization: `Bearer ${options.token}`, 'content-length': Buffer.byteLength(body) };
      const req = request(new URL(path, options.url), { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata?: unknown };
          if ((res.statusCode === 200 || res.statusCode === 201) && answer.metadata) resolve();
          else reject(new Error(`${method} ${path}: ${String(res.statusCode)}`));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const all = async (one: (i: number) => Promise<void>): Promise<void> => {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < events) await one(next++);
    }));
  };
  const create = (i: number) => send('POST', PATH[api], 'application/json', createBody(api, objects[i]!, names[i]!));
  const patch = (i: number) => send('PATCH', `${PATH[api]}/${names[i]!}`, CONTENT_TYPE[api], patchBody(api, objects[i]!));
  if (op === 'patch') await all(create);
  const run = await timed(events, () => all(op === 'create' ? create : patch));
  agent.destroy();
  return run;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function row(api: Api, op: Op, concurrency: number): Promise<WriteCostRow> {
  const events = options.events[concurrency] ?? 1000;
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which goes first, so neither always runs on the warmer (or busier) side of the other.
    const pair = [() => (PROFILE_OURS ? Promise.resolve(SKIPPED) : bare(api, op, concurrency, events)), () => (PROFILE_BARE ? Promise.resolve(SKIPPED) : (api === 'core' ? kubeRecordCore : kubeRecordEventsV1)(op, concurrency, events))] as const;
    if (round % 2 === 0) {
      theirs.push(await pair[0]());
      ours.push(await pair[1]());
    } else {
      ours.push(await pair[1]());
      theirs.push(await pair[0]());
    }
  }
  const eventsPerSec = median(ours.map((r) => r.eventsPerSec));
  const cpuUsPerEvent = median(ours.map((r) => r.cpuUsPerEvent));
  const bareEventsPerSec = median(theirs.map((r) => r.eventsPerSec));
  const bareCpuUsPerEvent = median(theirs.map((r) => r.cpuUsPerEvent));
  return {
    workload: `X-${api}-${op}-${concurrency}-cn${options.line}`,
    api,
    op,
    clientNode: options.line === 1 ? '1.4' : '2.0',
    sinkConcurrency: concurrency,
    events,
    eventsPerSec: Math.round(eventsPerSec),
    cpuUsPerEvent: Math.round(cpuUsPerEvent),
    bareEventsPerSec: Math.round(bareEventsPerSec),
    bareCpuUsPerEvent: Math.round(bareCpuUsPerEvent),
    // Medians of each round's ratio: the two runs of a round are adjacent in time, so on a shared machine
    // they see the same load, which the ratio of two separate medians would not cancel.
    ceilingRatio: Math.round(median(ours.map((r, i) => r.eventsPerSec / theirs[i]!.eventsPerSec)) * 1000) / 1000,
    cpuRatio: Math.round(median(ours.map((r, i) => r.cpuUsPerEvent / theirs[i]!.cpuUsPerEvent)) * 1000) / 1000,
  };
}

// Warm-up (JIT, TLS session code) for both clients, not reported: 1 and 8 in flight, as the rows run
// (one write in flight takes the writers' serial paths, which 8 in flight never reaches).
for (const concurrency of [1, 8]) {
  if (!PROFILE_OURS) await bare('core', 'create', concurrency, 300);
  if (!PROFILE_BARE) await kubeRecordCore('create', concurrency, 300);
  if (!PROFILE_BARE) await kubeRecordEventsV1('create', concurrency, 300);
}
const only = process.env['KUBE_RECORD_BENCH_ROWS'];
for (const api of ['core', 'eventsV1'] as const) {
  for (const op of ['create', 'patch'] as const) {
    for (const concurrency of [1, 8]) {
      if (only && !new RegExp(only).test(`${api}-${op}-${concurrency}`)) continue;
      console.log(JSON.stringify(await row(api, op, concurrency)));
    }
  }
}
