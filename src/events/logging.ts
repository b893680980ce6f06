// The key/values `startStructuredLogging` logs for an events.k8s.io/v1 Event, as client-go's StartLogging.
import type { LogFields } from '../shared/types.js';
import type { EventsV1Event } from './types.js';

/** `object` (namespace/name), `kind`, `apiVersion`, `type`, `reason`, `action`, `note`; logged as `Event occurred`. */
export function structuredEventsV1Fields(event: EventsV1Event): LogFields {
  const r = event.regarding;
  return {
    object: r?.namespace ? `${r.namespace}/${r.name ?? ''}` : (r?.name ?? ''),
    kind: r?.kind ?? '',
    apiVersion: r?.apiVersion ?? '',
    type: event.type ?? '',
    reason: event.reason ?? '',
    action: event.action ?? '',
    note: event.note ?? '',
  };
}
