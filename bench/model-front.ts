// The front of the kube-apiserver model: an HTTP server that forwards every request to the in-memory API
// server and holds the answers to event writes (POST/PATCH/PUT on …/events) on a ServiceLine, so a client
// sees kube-apiserver's timing while the in-memory server still does the work (validation, storage, the
// request log). The forwarding happens within the held time, so it costs the client nothing.
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceLine, type ApiServerModel } from './apiserver-model.js';

/** A running model front. */
export interface ModelFront {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Closes the server and its connections, and drops held answers. */
  stop(): Promise<void>;
}

const WRITES = new Set(['POST', 'PATCH', 'PUT']);

function isEventWrite(req: IncomingMessage): boolean {
  return WRITES.has(req.method ?? '') && /\/events(\/|$|\?)/.test(req.url ?? '');
}

/** Starts a front for the API server at `target` (its base URL) with `model`'s timing. */
export async function startModelFront(target: string, model: ApiServerModel): Promise<ModelFront> {
  const line = new ServiceLine(model);
  const agent = new Agent({ keepAlive: true });
  const server = createServer({ keepAlive: true }, (req, res) => {
    const arrival = performance.now();
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, agent }, (answer) => {
      const send = (): void => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (isEventWrite(req)) line.hold(arrival, send);
      else send();
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      line.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
