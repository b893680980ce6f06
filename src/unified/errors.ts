// The typed error of createEventRecorder: discovery could not say which Event API group the cluster serves.

/**
 * `createEventRecorder` could not tell whether events.k8s.io/v1 is served: discovery answered with an
 * HTTP error other than 404, or did not answer. Pass `api: 'v1'` or `api: 'events.k8s.io/v1'` to skip
 * discovery.
 *
 * @example
 * ```ts
 * let setup: EventRecorderSetup;
 * try {
 *   setup = await createEventRecorder(kc, { component: 'example.com/my-operator' });
 * } catch (err) {
 *   if (!(err instanceof EventsApiDiscoveryError)) throw err;
 *   console.warn(`discovery failed (status ${err.status}), recording to core/v1`, err.cause);
 *   setup = await createEventRecorder(kc, { component: 'example.com/my-operator', api: 'v1' });
 * }
 * ```
 *
 * @category events.k8s.io
 */
export class EventsApiDiscoveryError extends Error {
  /** Stable identifier for `switch` statements. */
  readonly code = 'DiscoveryFailed' as const;
  /** The HTTP status discovery answered with; undefined for a transport error. */
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, cause: unknown) {
    super(message, { cause });
    this.name = 'EventsApiDiscoveryError';
    this.status = status;
  }
}
