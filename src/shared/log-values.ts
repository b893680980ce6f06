// How a caller's values appear in log fields and error messages: never throwing, never copying a huge
// string, never printing an object (which may be a Proxy or hold secrets) beyond its type.

/** Longest caller string copied into a log field. */
const PRINTED_MAX = 256;

/** A value of the caller's for a log field: strings (cut to 256 characters) and other primitives as they are, objects by type. */
export function printable(value: unknown): unknown {
  if (typeof value === 'string') return value.length > PRINTED_MAX ? `${value.slice(0, PRINTED_MAX)}...` : value;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  return `<${typeDescription(value)}>`;
}

/** `null`, `undefined`, `an array`, `an object`, `a number`, … for an error message. */
export function typeDescription(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : `a ${t}`;
}
