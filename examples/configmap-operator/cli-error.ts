// The errors the command line reports as one line with exit code 2: the user can fix them by changing the
// command or the kubeconfig, so a stack trace would only hide the message.

/** Why the command line was refused. */
export type CliErrorCode = 'BadArguments' | 'BadKubeConfig';

/** A mistake in the arguments or the kubeconfig, reported as `configmap-operator: <message>`, exit 2. */
export class CliError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }
}
