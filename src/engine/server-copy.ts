// The server's copy of an Event as the lean event requests return it: JSON.parse'd, with the timestamps
// client-node's models hold as Date objects turned into Dates, so the object matches what client-node's
// ObjectSerializer would have made (MicroTime fields, eventTime and series.lastObservedTime, stay strings
// there too). Unlike client-node, fields unknown to its models are kept.

/** Top-level Date fields of core/v1 and events.k8s.io/v1 Events. */
const EVENT_DATES = ['firstTimestamp', 'lastTimestamp', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp'] as const;
/** Date fields of ObjectMeta. */
const META_DATES = ['creationTimestamp', 'deletionTimestamp'] as const;

/** Turns the Date fields of a parsed Event (in place) into Dates; returns it. */
export function reviveEventDates<T>(parsed: T): T {
  if (typeof parsed !== 'object' || parsed === null) return parsed;
  const event = parsed as Record<string, unknown>;
  for (const field of EVENT_DATES) reviveField(event, field);
  const meta = event['metadata'];
  if (typeof meta === 'object' && meta !== null) {
    const m = meta as Record<string, unknown>;
    for (const field of META_DATES) reviveField(m, field);
    const managed = m['managedFields'];
    if (Array.isArray(managed)) for (const entry of managed) if (typeof entry === 'object' && entry !== null) reviveField(entry as Record<string, unknown>, 'time');
  }
  return parsed;
}

function reviveField(object: Record<string, unknown>, field: string): void {
  const value = object[field];
  if (typeof value === 'string') object[field] = new Date(value);
}
