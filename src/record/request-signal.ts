// Cancels a client-node request when a signal aborts: a middleware that hands the signal to fetch
// (client-node 1.4+ and 2.x carry it in RequestContext), appended to the API's own middleware.
import { Observable, type ConfigurationOptions, type ObservableMiddleware } from '@kubernetes/client-node';

/** `options` plus a middleware that aborts the request with `signal`; unchanged without a signal. */
export function withSignal(
  signal: AbortSignal | undefined,
  options?: ConfigurationOptions<ObservableMiddleware>,
): ConfigurationOptions<ObservableMiddleware> | undefined {
  if (!signal) return options;
  const middleware: ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(signal);
      return new Observable(Promise.resolve(context));
    },
    post: (response) => new Observable(Promise.resolve(response)),
  };
  return { ...options, middleware: [...(options?.middleware ?? []), middleware], middlewareMergeStrategy: 'append' };
}
