// Cancels a client-node request when a signal aborts: a middleware that hands the signal to fetch
// (client-node 1.4+ and 2.x carry it in RequestContext), appended to the API's own middleware.
import { Observable, type ConfigurationOptions, type ObservableMiddleware } from '@kubernetes/client-node';

/** `options` plus `extra` middleware and one that aborts the request with `signal`. */
export function withSignal(
  signal: AbortSignal | undefined,
  options?: ConfigurationOptions<ObservableMiddleware>,
  extra: readonly ObservableMiddleware[] = [],
): ConfigurationOptions<ObservableMiddleware> | undefined {
  if (!signal && extra.length === 0) return options;
  const base = [...(options?.middleware ?? []), ...extra];
  if (!signal) return { ...options, middleware: base, middlewareMergeStrategy: 'append' };
  const middleware: ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(signal);
      return new Observable(Promise.resolve(context));
    },
    post: (response) => new Observable(Promise.resolve(response)),
  };
  return { ...options, middleware: [...base, middleware], middlewareMergeStrategy: 'append' };
}
