// Command-line options shared by the operator's CLI and the demo, and how they pick a cluster.
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';

/** Parsed command line. */
export interface CliOptions {
  /** `--kubeconfig <path>`. */
  readonly kubeconfig: string | undefined;
  /** `--seed`: write the demo ConfigMaps once the operator is ready. */
  readonly seed: boolean;
  /** `--namespace <ns>`: watch (and seed) only this namespace. */
  readonly namespace: string | undefined;
  /** `--help` / `-h`. */
  readonly help: boolean;
}

/** Usage text of both entry points. */
export const USAGE = `Options:
  --kubeconfig <path>  cluster to run against (default: $KUBECONFIG)
  --namespace <ns>     watch and seed only this namespace (default: watch all, seed the context's namespace)
  --seed               create the demo ConfigMaps once the operator is ready
  -h, --help           show this help`;

/**
 * Parses `argv` (without the node and script paths). Unknown options throw, so a typo is not silently
 * ignored.
 *
 * @example
 * ```ts
 * parseCliOptions(['--kubeconfig', '/tmp/kc', '--seed']);
 * // { kubeconfig: '/tmp/kc', seed: true, namespace: undefined, help: false }
 * ```
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      kubeconfig: { type: 'string' },
      namespace: { type: 'string' },
      seed: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return { kubeconfig: values.kubeconfig, seed: values.seed, namespace: values.namespace, help: values.help };
}

/** Whether a cluster was named: `--kubeconfig`, or a non-empty `KUBECONFIG`. */
export function clusterGiven(options: CliOptions, env: NodeJS.ProcessEnv): boolean {
  return options.kubeconfig !== undefined || (env['KUBECONFIG'] ?? '') !== '';
}

/**
 * Loads the KubeConfig: the `--kubeconfig` file, else client-node's default lookup (`KUBECONFIG`,
 * which may list several files, then `~/.kube/config`, then the in-cluster service account).
 */
export function loadKubeConfig(options: CliOptions): KubeConfig {
  const kc = new KubeConfig();
  if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  return kc;
}
