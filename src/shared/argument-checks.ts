// Argument checks of the event APIs' public entry points (sinks, clients, handlers, injected dependencies),
// each throwing the generic InvalidArgumentError of the watch package, which both layers share.
import { InvalidArgumentError } from '../watch/argument-error.js';

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
