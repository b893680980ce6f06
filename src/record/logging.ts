// Log line formats of startLogging / startStructuredLogging, as client-go prints them.
import type { CoreV1Event, V1ObjectReference } from '@kubernetes/client-node';
import type { LogFields } from '../shared/types.js';

function goString(value: string | undefined): string {
  return JSON.stringify(value ?? '');
}

/** Go's `%#v` of a `v1.ObjectReference`: `v1.ObjectReference{Kind:"Pod", Namespace:"…", …}`. */
export function goSyntaxReference(ref: V1ObjectReference): string {
  return (
    `v1.ObjectReference{Kind:${goString(ref.kind)}, Namespace:${goString(ref.namespace)}, Name:${goString(ref.name)}, ` +
    `UID:${goString(ref.uid)}, APIVersion:${goString(ref.apiVersion)}, ResourceVersion:${goString(ref.resourceVersion)}, ` +
    `FieldPath:${goString(ref.fieldPath)}}`
  );
}

/** The line `startLogging` passes to its function: `Event(<ref>): type: '<type>' reason: '<reason>' <message>`. */
export function formatEventLine(event: CoreV1Event): string {
  return `Event(${goSyntaxReference(event.involvedObject)}): type: '${event.type ?? ''}' reason: '${event.reason ?? ''}' ${event.message ?? ''}`;
}

/** The key/values `startStructuredLogging` logs with the message `Event occurred`. */
export function structuredEventFields(event: CoreV1Event): LogFields {
  const o = event.involvedObject;
  return {
    object: o.namespace ? `${o.namespace}/${o.name ?? ''}` : (o.name ?? ''),
    fieldPath: o.fieldPath ?? '',
    kind: o.kind ?? '',
    apiVersion: o.apiVersion ?? '',
    type: event.type ?? '',
    reason: event.reason ?? '',
    message: event.message ?? '',
  };
}
