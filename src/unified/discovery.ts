// Asks the API server once whether events.k8s.io/v1 is served (client-go's NewEventBroadcasterAdapter
// probes discovery the same way), with client-node calls that exist in 1.4 and 2.x alike.
import { EventsV1Api, type KubeConfig } from '@kubernetes/client-node';
import { statusOf } from '../engine/api-status.js';
import type { EventsApiGroup } from '../shared/unified-recorder.js';
import { EventsApiDiscoveryError } from './errors.js';

/**
 * `GET /apis/events.k8s.io/v1` (client-node's `EventsV1Api.getAPIResources`): resolves `events.k8s.io/v1`
 * when the group version is served and lists the `events` resource, `v1` when the server answers 404 (or
 * serves the group without `events`).
 *
 * @throws {@link EventsApiDiscoveryError} (as a rejection) for any other HTTP error (401, 403, 5xx …) or a
 * transport error: the server could not be asked, so no group is guessed.
 * @example
 * ```ts
 * const api = await discoverEventsApi(kc); // 'events.k8s.io/v1' on every cluster since Kubernetes 1.19
 * ```
 *
 * @category events.k8s.io
 */
export async function discoverEventsApi(kubeConfig: KubeConfig): Promise<EventsApiGroup> {
  let resources: { resources?: Array<{ name?: string }> };
  try {
    resources = await kubeConfig.makeApiClient(EventsV1Api).getAPIResources();
  } catch (err) {
    const status = statusOf(err);
    if (status === 404) return 'v1';
    const detail = status === undefined ? (err instanceof Error ? err.message : String(err)) : `HTTP ${status}`;
    throw new EventsApiDiscoveryError(
      `could not discover whether events.k8s.io/v1 is served (GET /apis/events.k8s.io/v1: ${detail}); ` +
        `pass { api: 'v1' } or { api: 'events.k8s.io/v1' } to choose without discovery`,
      status,
      err,
    );
  }
  return resources.resources?.some((r) => r.name === 'events') === true ? 'events.k8s.io/v1' : 'v1';
}
