// The in-memory API server in a child process of its own for bench/http.ts, so that the recording
// process's `process.cpuUsage()` is the client's alone (a worker thread would share it). With `tls` the
// server is reached over HTTPS (a TLS front piping each connection to the in-memory server, whose cost
// stays in this process), as a real kube-apiserver is; with `token`, every request needs that bearer
// token; with `model`, event writes are answered with kube-apiserver's timing (bench/model-front.ts).
// Messages (process.send): 'requests' → the number of event writes answered so far; 'clear' → empties
// that count; 'stop' → stops the server and exits.
import { connect, type AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { startTestApiServer } from '../src/testing/index.js';
import type { ApiServerModel } from './apiserver-model.js';
import { startModelFront } from './model-front.js';

/** What bench/http.ts passes as the first argument (JSON). */
export interface ApiServerProcessOptions {
  /** Serve through the kube-apiserver model with this timing; unthrottled when omitted. */
  readonly model?: ApiServerModel;
  /** Serve HTTPS with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Require this bearer token (an admin's). */
  readonly token?: string;
}

const send = process.send?.bind(process);
if (!send) throw new Error('api-server-process must run as a child process with an IPC channel');
const options = JSON.parse(process.argv[2] ?? '{}') as ApiServerProcessOptions;
const api = await startTestApiServer(options.token ? { tokens: { [options.token]: { user: 'bench', admin: true } } } : {});
const front = options.model ? await startModelFront(api.url, options.model) : undefined;
const target = new URL(front?.url ?? api.url);
let url = target.origin;
const tls = options.tls
  ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, (socket) => {
      const upstream = connect(Number(target.port), target.hostname);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    })
  : undefined;
if (tls) {
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
}

process.on('message', (message: string) => {
  if (message === 'requests') {
    const writes = api.requests().filter((r) => /\/events(\/|$|\?)/.test(r.path) && r.method !== 'GET');
    send({ kind: 'requests', writes: writes.length });
  } else if (message === 'clear') {
    api.clearRequests();
    send({ kind: 'cleared' });
  } else if (message === 'stop') {
    tls?.close();
    void (front?.stop() ?? Promise.resolve())
      .then(() => api.stop())
      .then(() => process.exit(0));
  }
});
send({ kind: 'ready', url });
