// The in-memory API server in a worker thread for bench/http.ts: it gets a CPU of its own, as a real
// kube-apiserver would, instead of sharing the client's event loop. Messages: 'requests' → the number of
// event writes answered so far; 'stop' → stops the server.
import { parentPort } from 'node:worker_threads';
import { startTestApiServer } from '../src/testing/index.js';

const port = parentPort;
if (!port) throw new Error('api-server-worker must run in a worker thread');
const api = await startTestApiServer();
port.on('message', (message: string) => {
  if (message === 'requests') {
    const writes = api.requests().filter((r) => /\/events(\/|$|\?)/.test(r.path) && r.method !== 'GET');
    port.postMessage({ kind: 'requests', writes: writes.length });
  } else if (message === 'clear') {
    api.clearRequests();
    port.postMessage({ kind: 'cleared' });
  } else if (message === 'stop') {
    void api.stop().then(() => port.close());
  }
});
port.postMessage({ kind: 'ready', url: api.url });
