// The typed error of public entry points that cannot work with what a (plain JavaScript) caller passed:
// a constructor without a usable sink or KubeConfig, a handler that is not a function, options that are
// not an object or cannot be read. Recording methods never throw it: bad event input is a counted drop.

/** A public entry point was called with an argument it cannot use. */
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

/** `value` when it is a function. @throws {@link InvalidArgumentError} otherwise. */
export function functionArgument<F>(value: F, argument: string): F {
  if (typeof value !== 'function') throw new InvalidArgumentError(argument, `expected a function, got ${value === null ? 'null' : `a ${typeof value}`}`);
  return value;
}

/**
 * Checks the injectable dependencies both broadcasters take (`clock`, `sleep`, `random`, `signal`, `sink`
 * methods), so a wrong one fails at construction rather than inside every write.
 *
 * @throws {@link InvalidArgumentError} naming the first option that cannot work.
 */
export function checkDependencies(options: { readonly clock?: unknown; readonly sleep?: unknown; readonly random?: unknown; readonly signal?: unknown }): void {
  const { clock, sleep, random, signal } = options;
  if (clock !== undefined && !hasMethod(clock, 'now')) throw new InvalidArgumentError('options.clock', 'expected an object with a now() method');
  if (sleep !== undefined) functionArgument(sleep, 'options.sleep');
  if (random !== undefined) functionArgument(random, 'options.random');
  if (signal !== undefined && !hasMethod(signal, 'addEventListener')) throw new InvalidArgumentError('options.signal', 'expected an AbortSignal');
}

/** Whether `value` is an object with a method `name`; false when reading it throws (a Proxy trap). */
function hasMethod(value: unknown, name: string): boolean {
  try {
    return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
  } catch {
    return false;
  }
}

/** `sink` when it has the methods a sink needs (`create`, `patch`). @throws {@link InvalidArgumentError} otherwise. */
export function sinkArgument<S>(sink: S, argument: string): S {
  if (!hasMethod(sink, 'create') || !hasMethod(sink, 'patch')) throw new InvalidArgumentError(argument, 'expected a sink with create() and patch() methods (e.g. new CoreV1EventSink(kc))');
  return sink;
}

/**
 * Checks the `client` of a sink constructor: a KubeConfig (`makeApiClient`) or a ready API object (`method`).
 * @throws {@link InvalidArgumentError} otherwise.
 */
export function clientArgument(client: unknown, method: string): void {
  if (!hasMethod(client, 'makeApiClient') && !hasMethod(client, method)) throw new InvalidArgumentError('client', `expected a KubeConfig or a client-node API object with ${method}()`);
}
