// HTTP figures (issue 6) against the in-memory API server running in a worker thread:
// - H1 / H8: events written per second by one core/v1 sink with sinkConcurrency 1 and 8 (every event a
//   create: distinct objects, nothing correlated), timed from the first eventf to flush().
// - S8: what the server can take: the same creates from a bare keep-alive HTTP client, 8 at a time (no
//   client-node, no recorder), the ceiling H8 is compared with.
// - C-core / C-eventsV1: API calls for 10 000 occurrences of a hot loop (100 objects, the same reason and
//   message each), default options, shutdown included (events.k8s.io/v1 writes final series counts there).
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { KubeConfig } from '@kubernetes/client-node';
import { CoreV1EventSink, EventBroadcaster, EventsV1Broadcaster, EventsV1EventSink, silentLogger } from '../src/index.js';
import { makePods } from './workloads.js';

/** One HTTP measurement; `eventsPerSec` for the write-rate runs, `apiCalls` for all. */
export interface HttpResult {
  workload: string;
  events: number;
  objects: number;
  sinkConcurrency?: number;
  eventsPerSec?: number;
  apiCalls: number;
}

const WRITE_EVENTS = 3000;
const HOT_LOOP_EVENTS = 10_000;
const HOT_LOOP_OBJECTS = 100;

interface ServerHandle {
  url: string;
  kubeConfig: KubeConfig;
  writes(): Promise<number>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(): Promise<ServerHandle> {
  const worker = new Worker(new URL('./api-server-worker.js', import.meta.url));
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
      worker.postMessage('requests');
      return (await next<{ writes: number }>('requests')).writes;
    },
    clear: async () => {
      worker.postMessage('clear');
      await next('cleared');
    },
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function writeRate(server: ServerHandle, sinkConcurrency: number): Promise<HttpResult> {
  await server.clear();
  const pods = makePods(WRITE_EVENTS);
  const broadcaster = new EventBroadcaster({ logger: silentLogger, sinkConcurrency, maxQueuedEvents: WRITE_EVENTS });
  broadcaster.startRecordingToSink(new CoreV1EventSink(server.kubeConfig));
  const recorder = broadcaster.newRecorder({ component: 'bench', host: 'node-1' });
  const start = process.hrtime.bigint();
  for (const pod of pods) recorder.eventf(pod, 'Normal', 'Started', 'started %s', pod.metadata.name);
  const flushed = await broadcaster.flush({ timeoutMs: 120_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await broadcaster.shutdown({ timeoutMs: 1000 });
  if (!flushed.completed || flushed.written !== WRITE_EVENTS) throw new Error(`H${sinkConcurrency}: ${JSON.stringify(flushed)}`);
  return {
    workload: `H${sinkConcurrency}`,
    events: WRITE_EVENTS,
    objects: WRITE_EVENTS,
    sinkConcurrency,
    eventsPerSec: Math.round(WRITE_EVENTS / seconds),
    apiCalls: await server.writes(),
  };
}

/** POSTs `WRITE_EVENTS` events with a bare keep-alive client, `concurrency` requests at a time. */
async function serverCeiling(server: ServerHandle, concurrency: number): Promise<HttpResult> {
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
      while (next < WRITE_EVENTS) await post(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return { workload: `S${concurrency}`, events: WRITE_EVENTS, objects: WRITE_EVENTS, sinkConcurrency: concurrency, eventsPerSec: Math.round(WRITE_EVENTS / seconds), apiCalls: await server.writes() };
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

/** Runs H1, H8, C-core and C-eventsV1 against one server. */
export async function runHttp(): Promise<HttpResult[]> {
  const server = await startServer();
  try {
    await writeRate(server, 8); // warm-up: connections, JIT
    return [
      await writeRate(server, 1),
      await writeRate(server, 8),
      await serverCeiling(server, 8),
      await hotLoopCalls(server, 'core'),
      await hotLoopCalls(server, 'eventsV1'),
    ];
  } finally {
    await server.stop();
  }
}
