// CLI of the ConfigMap operator: `node --import tsx examples/configmap-operator/main.ts [--kubeconfig
// path] [--namespace ns] [--seed]`. Runs against that cluster until SIGINT/SIGTERM, then exits 0.
import { loadKubeConfig, parseCliOptions, USAGE } from './args.js';
import { runUntilSignal } from './run.js';

const options = parseCliOptions(process.argv.slice(2));
if (options.help) {
  console.log(`Usage: node --import tsx examples/configmap-operator/main.ts [options]\n${USAGE}`);
} else {
  await runUntilSignal({
    kubeConfig: loadKubeConfig(options),
    seed: options.seed,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  });
}
