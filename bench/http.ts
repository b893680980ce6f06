// HTTP figures (issues 6 and 15), each server in a child process of its own (bench/api-server-process.ts):
// - X-<api>-<op>-<concurrency>-cn<line> (issue 15, bench/write-cost.ts in a child process per client-node
//   line): what a write costs kube-record against what it costs a bare keep-alive node:https client, over
//   TLS with a bearer token: events/s and CPU µs per written event, and their ratios.
// - H1 / H8: events written per second by one core/v1 sink with sinkConcurrency 1 and 8 (every event a
//   create: distinct objects, nothing correlated), timed from the first eventf to flush(), against the
//   unthrottled in-memory API server.
// - S8: what that server can take: the same creates from a bare keep-alive HTTP client, 8 at a time (no
//   client-node, no recorder), the ceiling H8 is compared with.
// - C-core / C-eventsV1: API calls for 10 000 occurrences of a hot loop (100 objects, the same reason and
//   message each), default options, shutdown included (events.k8s.io/v1 writes final series counts there).
// - K-S1 / K-S8 / K-H1 / K-H8: S and H with 1 and 8 in flight against the kube-apiserver model
//   (bench/apiserver-model.ts: the in-memory server answering event writes with the timing of a real
//   kube-apiserver v1.32, ~610 creates/s from one connection and ~1 460/s from 8), which is ~7× slower
//   than the unthrottled one: whether the recorder or the server is the bottleneck in a real cluster.
// Each H row whose S row (same server, same concurrency) was run also gets `ceilingRatio`: its events/s
// as a fraction of the bare client's (H8 and K-H8 out of S8 and K-S8, K-H1 out of K-S1).
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { CoreV1EventSink, EventBroadcaster, EventsV1Broadcaster, EventsV1EventSink, silentLogger } from '../src/index.js';
import { KUBE_APISERVER_V1_32, type ApiServerModel } from './apiserver-model.js';
import type { ApiServerProcessOptions } from './api-server-process.js';
import type { WriteCostOptions, WriteCostRow } from './write-cost.js';
import { makePods } from './workloads.js';

/** One HTTP measurement; `eventsPerSec` for the write-rate runs, `apiCalls` for all. */
export interface HttpResult {
  workload: string;
  events: number;
  objects: number;
  sinkConcurrency?: number;
  eventsPerSec?: number;
  apiCalls: number;
  /** An H row's events/s as a fraction of its S row's (same server, same concurrency). */
  ceilingRatio?: number;
}

/** The workload name prefix of the runs against the kube-apiserver model. */
export const MODEL_PREFIX = 'K-';

const WRITE_EVENTS = 3000;
/** Events per write-rate run on the model, by concurrency: ~3.3 s at 610/s, ~2 s at 1 460/s. */
const MODEL_EVENTS: Readonly<Record<number, number>> = { 1: 2000, 8: 3000 };
const MODEL_WARMUP_EVENTS = 300;
const HOT_LOOP_EVENTS = 10_000;
const HOT_LOOP_OBJECTS = 100;

interface ServerHandle {
  url: string;
  kubeConfig: KubeConfig;
  writes(): Promise<number>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(model?: ApiServerModel, serverOptions: ApiServerProcessOptions = model ? { model } : {}): Promise<ServerHandle> {
  const worker: ChildProcess = fork(new URL('./api-server-process.js', import.meta.url), [JSON.stringify(serverOptions)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { kind: string } & T) => {
        if (m.kind !== kind) return;
        worker.off('message', on);
        resolve(m);
      };
      worker.on('message', on);
    });
  const { url } = await next<{ url: string }>('ready');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'bench', server: url, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: 'default' }],
    currentContext: 'bench',
  });
  return {
    url,
    kubeConfig,
    writes: async () => {
      worker.send('requests');
      return (await next<{ writes: number }>('requests')).writes;
    },
    clear: async () => {
      worker.send('clear');
      await next('cleared');
    },
    stop: async () => {
      worker.send('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function writeRate(server: ServerHandle, sinkConcurrency: number, events = WRITE_EVENTS, prefix = ''): Promise<HttpResult> {
  await server.clear();
  const pods = makePods(events);
  const broadcaster = new EventBroadcaster({ logger: silentLogger, sinkConcurrency, maxQueuedEvents: events });
  broadcaster.startRecordingToSink(new CoreV1EventSink(server.kubeConfig));
  const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
  const start = process.hrtime.bigint();
  for (const pod of pods) recorder.eventf(pod, 'Normal', 'Started', 'started %s', pod.metadata.name);
  const flushed = await broadcaster.flush({ timeoutMs: 120_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await broadcaster.shutdown({ timeoutMs: 1000 });
  const workload = `${prefix}H${sinkConcurrency}`;
  if (!flushed.completed || flushed.written !== events) throw new Error(`${workload}: ${JSON.stringify(flushed)}`);
  return {
    workload,
    events,
    objects: events,
    sinkConcurrency,
    eventsPerSec: Math.round(events / seconds),
    apiCalls: await server.writes(),
  };
}

/** POSTs `events` events with a bare keep-alive client, `concurrency` requests at a time. */
async function serverCeiling(server: ServerHandle, concurrency: number, events = WRITE_EVENTS, prefix = ''): Promise<HttpResult> {
  await server.clear();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL('/api/v1/namespaces/default/events', server.url);
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        metadata: { name: `raw-${i}.${Date.now().toString(16)}`, namespace: 'default' },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: `web-${i}`, namespace: 'default', uid: `uid-${i}` },
        reason: 'Started',
        message: `started web-${i}`,
        source: { component: 'bench', host: 'node-1' },
        firstTimestamp: '2026-11-24T10:00:00Z',
        lastTimestamp: '2026-11-24T10:00:00Z',
        count: 1,
        type: 'Normal',
      });
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`status ${String(res.statusCode)}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events) await post(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return {
    workload: `${prefix}S${concurrency}`,
    events,
    objects: events,
    sinkConcurrency: concurrency,
    eventsPerSec: Math.round(events / seconds),
    apiCalls: await server.writes(),
  };
}

async function hotLoopCalls(server: ServerHandle, api: 'core' | 'eventsV1'): Promise<HttpResult> {
  await server.clear();
  const pods = makePods(HOT_LOOP_OBJECTS);
  if (api === 'core') {
    const broadcaster = new EventBroadcaster({ logger: silentLogger });
    broadcaster.startRecordingToSink(new CoreV1EventSink(server.kubeConfig));
    const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
    for (let i = 0; i < HOT_LOOP_EVENTS; i++) {
      const pod = pods[i % HOT_LOOP_OBJECTS]!;
      recorder.eventf(pod, 'Warning', 'BackOff', 'Back-off restarting failed container %s', pod.metadata.name);
      // A reconcile loop yields between objects; the recorder keeps up instead of queueing 10 000.
      if (i % HOT_LOOP_OBJECTS === HOT_LOOP_OBJECTS - 1) await broadcaster.flush();
    }
    await broadcaster.shutdown({ timeoutMs: 30_000 });
  } else {
    const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(server.kubeConfig), logger: silentLogger });
    broadcaster.startRecording();
    const recorder = broadcaster.newRecorder('example.com/bench', { reportingInstance: 'node-1' });
    for (let i = 0; i < HOT_LOOP_EVENTS; i++) {
      const pod = pods[i % HOT_LOOP_OBJECTS]!;
      recorder.eventf(pod, null, 'Warning', 'BackOff', 'Restarting', 'Back-off restarting failed container %s', pod.metadata.name);
      if (i % HOT_LOOP_OBJECTS === HOT_LOOP_OBJECTS - 1) await broadcaster.flush();
    }
    await broadcaster.shutdown({ timeoutMs: 30_000 });
  }
  return { workload: `C-${api}`, events: HOT_LOOP_EVENTS, objects: HOT_LOOP_OBJECTS, apiCalls: await server.writes() };
}

/** Runs `measure` against a fresh server (the kube-apiserver model when `model` is given), then stops it. */
async function onServer(model: ApiServerModel | undefined, measure: (server: ServerHandle) => Promise<HttpResult[]>): Promise<HttpResult[]> {
  const server = await startServer(model);
  try {
    return await measure(server);
  } finally {
    await server.stop();
  }
}

/** Sets `ceilingRatio` on every H row whose S row (same prefix, same concurrency) is in `results`. */
function withCeilingRatios(results: HttpResult[]): HttpResult[] {
  const rate = new Map(results.map((r) => [r.workload, r.eventsPerSec]));
  for (const r of results) {
    const ceiling = rate.get(r.workload.replace(/H(\d+)$/, 'S$1'));
    if (/H\d+$/.test(r.workload) && r.eventsPerSec !== undefined && ceiling) r.ceilingRatio = Math.round((r.eventsPerSec / ceiling) * 1000) / 1000;
  }
  return results;
}

const TLS_FIXTURES = new URL('../../test/fixtures/tls/', import.meta.url);
const BENCH_TOKEN = 'kube-record-bench-token';
/** Runs of each variant per X row (medians reported), and events per run by concurrency. */
const WRITE_COST_ROUNDS = Number(process.env['KUBE_RECORD_BENCH_ROUNDS'] ?? 7);
const WRITE_COST_EVENTS: Readonly<Record<number, number>> = { 1: 1000, 8: 2000 };

/** Runs bench/write-cost.ts on client-node `line` against `server`; its rows. */
async function writeCost(server: ServerHandle, line: 1 | 2, ca: string): Promise<WriteCostRow[]> {
  const options: WriteCostOptions = { url: server.url, token: BENCH_TOKEN, ca, line, rounds: WRITE_COST_ROUNDS, events: WRITE_COST_EVENTS };
  const execArgv = line === 1 ? ['--import', new URL('./use-client-node-1.js', import.meta.url).href] : [];
  // KUBE_RECORD_BENCH_CPU_PROF=<dir>: a V8 CPU profile of the client process (with ..._PROFILE=ours or bare).
  const profileDir = process.env['KUBE_RECORD_BENCH_CPU_PROF'];
  if (profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=100');
  const child = fork(new URL('./write-cost.js', import.meta.url), [JSON.stringify(options)], { execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`write-cost (client-node ${line}.x) exited with ${String(code)}`);
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as WriteCostRow);
}

/** The X rows: write cost against a bare client, over TLS with a bearer token, on both client-node lines. */
export async function runWriteCost(): Promise<WriteCostRow[]> {
  const cert = readFileSync(new URL('localhost.crt', TLS_FIXTURES), 'utf8');
  const key = readFileSync(new URL('localhost.key', TLS_FIXTURES), 'utf8');
  const server = await startServer(undefined, { tls: { cert, key }, token: BENCH_TOKEN });
  try {
    const lines = (process.env['KUBE_RECORD_BENCH_LINES'] ?? '2,1').split(',').map((l) => (l.trim() === '1' ? 1 : 2));
    const rows: WriteCostRow[] = [];
    for (const line of lines) rows.push(...(await writeCost(server, line, cert)));
    return rows;
  } finally {
    await server.stop();
  }
}

/** Runs H1, H8, S8, C-core and C-eventsV1 against the unthrottled server, then K-S1, K-H1, K-S8 and K-H8 against the model. */
export async function runHttp(): Promise<HttpResult[]> {
  const unthrottled = await onServer(undefined, async (server) => {
    await writeRate(server, 8); // warm-up: connections, JIT
    return [await writeRate(server, 1), await writeRate(server, 8), await serverCeiling(server, 8), await hotLoopCalls(server, 'core'), await hotLoopCalls(server, 'eventsV1')];
  });
  const model = await onServer(KUBE_APISERVER_V1_32, async (server) => {
    await writeRate(server, 8, MODEL_WARMUP_EVENTS); // warm-up: the front's connections
    const results: HttpResult[] = [];
    for (const concurrency of [1, 8]) {
      const events = MODEL_EVENTS[concurrency]!;
      results.push(await serverCeiling(server, concurrency, events, MODEL_PREFIX));
      results.push(await writeRate(server, concurrency, events, MODEL_PREFIX));
    }
    return results;
  });
  return withCeilingRatios([...unthrottled, ...model]);
}
