// The in-memory API server in a worker thread for bench/http.ts: it gets a CPU of its own, as a real
// kube-apiserver would, instead of sharing the client's event loop. With `workerData.model` (an
// ApiServerModel) clients are served through a model front that answers event writes with
// kube-apiserver's timing (bench/model-front.ts); without it, the in-memory server answers directly.
// Messages: 'requests' → the number of event writes answered so far; 'clear' → empties that count;
// 'stop' → stops the server.
import { parentPort, workerData } from 'node:worker_threads';
import { startTestApiServer } from '../src/testing/index.js';
import type { ApiServerModel } from './apiserver-model.js';
import { startModelFront } from './model-front.js';

/** What bench/http.ts passes as `workerData`. */
export interface ApiServerWorkerData {
  /** Serve through the kube-apiserver model with this timing; unthrottled when omitted. */
  readonly model?: ApiServerModel;
}

const port = parentPort;
if (!port) throw new Error('api-server-worker must run in a worker thread');
const { model } = (workerData ?? {}) as ApiServerWorkerData;
const api = await startTestApiServer();
const front = model ? await startModelFront(api.url, model) : undefined;
port.on('message', (message: string) => {
  if (message === 'requests') {
    const writes = api.requests().filter((r) => /\/events(\/|$|\?)/.test(r.path) && r.method !== 'GET');
    port.postMessage({ kind: 'requests', writes: writes.length });
  } else if (message === 'clear') {
    api.clearRequests();
    port.postMessage({ kind: 'cleared' });
  } else if (message === 'stop') {
    void (front?.stop() ?? Promise.resolve())
      .then(() => api.stop())
      .then(() => port.close());
  }
});
port.postMessage({ kind: 'ready', url: front?.url ?? api.url });
