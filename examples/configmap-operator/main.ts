// Entry point of the ConfigMap operator: `node examples/configmap-operator/dist/main.js [--kubeconfig path]
// [--namespace ns] [--seed]` once built (`npm run example:build`). Runs until SIGINT/SIGTERM, then exits 0.
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  env: process.env,
});
