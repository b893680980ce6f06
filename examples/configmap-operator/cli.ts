// The operator's command line as a function of its arguments, environment and output streams, so every
// exit path (help, a mistake in the arguments or kubeconfig, a run) is testable without a child process.
import { loadKubeConfig, parseCliOptions, USAGE } from './args.js';
import { CliError } from './cli-error.js';
import { describeError } from './describe-error.js';
import { COMPONENT, runUntilSignal, type RunOptions } from './run.js';

/** Exit code of a run that ended normally (also after `--help`). */
export const EXIT_OK = 0;
/** Exit code of a failure at run time: the operator could not start, or an unexpected error. */
export const EXIT_FAILURE = 1;
/** Exit code of a mistake in the command line or the kubeconfig (as most CLIs do for usage errors). */
export const EXIT_USAGE = 2;

/** Where the command line writes, what it reads, and how it runs the operator (injected by tests). */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly stdout: (line: string) => void;
  /** Writes one line to standard error. */
  readonly stderr: (line: string) => void;
  /** Environment: `POD_NAME` becomes the events' reportingInstance. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs the operator until a signal. Default {@link runUntilSignal}. */
  readonly run?: (options: RunOptions) => Promise<number>;
}

/**
 * Runs the command line: `--help` prints the usage; a bad option or kubeconfig prints ONE line
 * `configmap-operator: <message>` to stderr and returns 2; otherwise the operator runs until SIGINT or
 * SIGTERM. Resolves with the process's exit code; never rejects.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: console.log, stderr: console.error, env: process.env });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliOptions(argv);
    if (options.help) {
      io.stdout(`Usage: configmap-operator [options]   (node dist/main.js in the image)\n${USAGE}`);
      return EXIT_OK;
    }
    const kubeConfig = loadKubeConfig(options);
    const podName = io.env['POD_NAME'];
    const run = io.run ?? runUntilSignal;
    return await run({
      kubeConfig,
      seed: options.seed,
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      ...(podName !== undefined && podName !== '' ? { reportingInstance: podName } : {}),
    });
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${COMPONENT}: ${error.message}`);
      return EXIT_USAGE;
    }
    io.stderr(`${COMPONENT}: ${describeError(error)}`);
    return EXIT_FAILURE;
  }
}
