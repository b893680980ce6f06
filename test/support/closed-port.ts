// A cluster that refuses connections: a port that was just listened on and closed, and a KubeConfig
// pointing at it (for tests of what the operator and its CLI log when the API server is down).
import { createServer } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

/** A port on 127.0.0.1 that was just listened on and closed, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A KubeConfig whose only cluster is `http://127.0.0.1:<port>`, with a user that has no credentials. */
export function kubeConfigFor(port: number): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'down', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'nobody' }],
    contexts: [{ name: 'down', cluster: 'down', user: 'nobody' }],
    currentContext: 'down',
  });
  return kubeConfig;
}
