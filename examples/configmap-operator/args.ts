// Command-line options shared by the operator's CLI and the demo, and how they pick a cluster.
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { CliError } from './cli-error.js';
import { describeError } from './describe-error.js';

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

/** The options `parseCliOptions` knows, for node's `parseArgs`. */
const OPTIONS = {
  kubeconfig: { type: 'string' },
  namespace: { type: 'string' },
  seed: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses `argv` (without the node and script paths). An unknown option, a missing value or a stray
 * argument throws a {@link CliError} (`BadArguments`) with a message of our own, the same on every Node
 * version, so a typo is not silently ignored.
 *
 * @example
 * ```ts
 * parseCliOptions(['--kubeconfig', '/tmp/kc', '--seed']);
 * // { kubeconfig: '/tmp/kc', seed: true, namespace: undefined, help: false }
 * ```
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  // Not strict: node's own messages differ between versions; the tokens are checked below instead.
  const { values, tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') throw new CliError('BadArguments', `unexpected argument ${JSON.stringify(token.value)} (see --help)`);
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(OPTIONS, token.name) ? OPTIONS[token.name as keyof typeof OPTIONS] : undefined;
    if (option === undefined) throw new CliError('BadArguments', `unknown option ${token.rawName} (see --help)`);
    if (option.type === 'string' && (token.value === undefined || token.value === '')) {
      throw new CliError('BadArguments', `option ${token.rawName} needs a value`);
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new CliError('BadArguments', `option ${token.rawName} takes no value`);
    }
  }
  const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
  return { kubeconfig: text(values.kubeconfig), seed: values.seed === true, namespace: text(values.namespace), help: values.help === true };
}

/** Whether a cluster was named: `--kubeconfig`, or a non-empty `KUBECONFIG`. */
export function clusterGiven(options: CliOptions, env: NodeJS.ProcessEnv): boolean {
  return options.kubeconfig !== undefined || (env['KUBECONFIG'] ?? '') !== '';
}

/**
 * Loads the KubeConfig: the `--kubeconfig` file, else client-node's default lookup (`KUBECONFIG`,
 * which may list several files, then `~/.kube/config`, then the in-cluster service account).
 *
 * @throws {@link CliError} (`BadKubeConfig`) when the file cannot be read or parsed, or names no cluster.
 */
export function loadKubeConfig(options: CliOptions): KubeConfig {
  const kc = new KubeConfig();
  const source = options.kubeconfig ?? 'the default kubeconfig';
  try {
    if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    throw new CliError('BadKubeConfig', `cannot load ${source}: ${describeError(error)}`, { cause: error });
  }
  if (kc.getCurrentCluster() === null) {
    throw new CliError('BadKubeConfig', `${source} has no cluster for its current context ${JSON.stringify(kc.getCurrentContext() ?? '')}`);
  }
  return kc;
}
