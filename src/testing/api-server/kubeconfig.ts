// Builds @kubernetes/client-node KubeConfigs that point at the test server (cluster/context `test`,
// namespace `default`, optionally a bearer token).
import { KubeConfig } from '@kubernetes/client-node';

export function makeKubeConfig(server: string, token: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server, skipTLSVerify: true }],
    users: [token === undefined ? { name: 'test' } : { name: 'test', token }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test', namespace: 'default' }],
    currentContext: 'test',
  });
  return kc;
}
