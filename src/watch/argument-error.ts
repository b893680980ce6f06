// The typed error of public entry points that cannot work with what a (plain JavaScript) caller passed:
// a constructor without a usable sink or KubeConfig, a handler that is not a function, options that are
// not an object or cannot be read. Recording methods never throw it: bad event input is a counted drop.

/**
 * A public entry point was called with an argument it cannot use.
 *
 * @example
 * ```ts
 * try {
 *   new EventBroadcaster(JSON.parse(process.env.RECORDER_OPTIONS ?? '"fast"')); // a string, not an options object
 * } catch (err) {
 *   if (err instanceof InvalidArgumentError) console.error(err.argument, err.message);
 * }
 * ```
 *
 * @category Recording
 */
export class InvalidArgumentError extends TypeError {
  /** Stable identifier for `switch` statements. */
  readonly code = 'InvalidArgument' as const;
  /** Which argument, e.g. `options`, `options.sink`, `handler`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}

/**
 * An options argument as a plain copy: `{}` for `undefined` or `null`; its own enumerable properties
 * otherwise, read once (so a getter runs here, not later on a hot path).
 *
 * @throws {@link InvalidArgumentError} when `options` is not an object, or reading it throws (a getter, a Proxy trap).
 */
export function optionsObject<T extends object>(options: T | null | undefined, argument = 'options'): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object') throw new InvalidArgumentError(argument, `expected an options object, got a ${typeof options}`);
  try {
    return { ...options };
  } catch (err) {
    throw new InvalidArgumentError(argument, `reading the options threw: ${err instanceof Error ? err.message : 'a non-Error value'}`);
  }
}

/** {@link optionsObject}, with its error returned instead of thrown (for methods that reject rather than throw). */
export function optionsOrError<T extends object>(options: T | null | undefined, argument = 'options'): T | InvalidArgumentError {
  try {
    return optionsObject(options, argument);
  } catch (err) {
    return err instanceof InvalidArgumentError ? err : new InvalidArgumentError(argument, 'cannot be read');
  }
}
