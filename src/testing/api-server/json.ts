// JSON value types and the few structural helpers (type guards, deep equality, Go-style sorted
// marshalling) that the rest of the in-memory API server shares.

/**
 * A JSON scalar.
 *
 * @category Testing
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * Any JSON value, as produced by `JSON.parse`.
 *
 * @category Testing
 */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/**
 * A JSON object, as produced by `JSON.parse`.
 *
 * @category Testing
 */
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values; key order does not matter (Go's reflect.DeepEqual on maps). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    for (const k of ak) if (!(k in b) || !jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Deep copy of a JSON value (structuredClone is slower for the small objects handled here). */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
  return out as T;
}

/**
 * Serialises like Go's encoding/json does for a `map[string]interface{}`: keys sorted, compact, and
 * `<`, `>`, `&` escaped. Used where the real server echoes a re-marshalled map in an error message.
 */
export function goMarshalSorted(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  }
  if (Array.isArray(value)) return `[${value.map((v) => goMarshalSorted(v)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${goMarshalSorted(k)}:${goMarshalSorted(value[k] as JsonValue)}`).join(',')}}`;
}
