// MicroTime on the wire: events.k8s.io/v1 rejects eventTime without 6 fractional digits
// (kubernetes/kubernetes#94748), so every time we send is a V1MicroTime or a string formatted here.
import { V1MicroTime } from '@kubernetes/client-node';

/**
 * A `V1MicroTime` for `date`. client-node (1.4 and 2.x) passes it through its serializer untouched, and
 * `JSON.stringify` then calls its `toISOString`, which prints 6 fractional digits.
 */
export function toMicroTime(date: Date): V1MicroTime {
  return new V1MicroTime(date.getTime());
}

/** `date` as metav1.MicroTime prints it: RFC 3339 in UTC with 6 fractional digits, e.g. `2026-11-24T10:00:00.123000Z`. */
export function formatMicroTime(date: Date): string {
  // Date's own toISOString: `date` may itself be a V1MicroTime, whose override already adds the digits.
  return `${Date.prototype.toISOString.call(date).slice(0, -1)}000Z`;
}
