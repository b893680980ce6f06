// Checks the annotations of annotatedEventf before the event is queued: a value the API server cannot
// take (a number, a BigInt, an object) would otherwise fail at the sink, after the event was accepted.
import { asInvalidEventError, InvalidEventError } from './errors.js';
import { typeDescription } from './log-values.js';

/**
 * Most bytes of keys and values together, as the API server allows on any object
 * (apimachinery `TotalAnnotationSizeLimitB`, 256 KiB), counted in UTF-8 bytes as the API server counts
 * them. Checking it also bounds the copy's cost.
 *
 * @category Recording
 */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * A copy of `annotations` for the event's metadata, or undefined for none (`undefined` or `null`, a nil map
 * in client-go).
 *
 * @throws {@link InvalidEventError} with code `InvalidAnnotations` when `annotations` is not a plain
 *   object of string keys and string values (a number, BigInt, object, Symbol value or Symbol key, an
 *   array, a Map), is larger than {@link TOTAL_ANNOTATION_SIZE_LIMIT}, or cannot be read (a throwing
 *   getter or Proxy trap).
 */
export function copyAnnotations(annotations: unknown): Record<string, string> | undefined {
  if (annotations === undefined || annotations === null) return undefined;
  try {
    return copy(annotations);
  } catch (err) {
    throw asInvalidEventError(err, 'InvalidAnnotations', "can't read the annotations");
  }
}

function copy(annotations: unknown): Record<string, string> {
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations) || annotations instanceof Map || annotations instanceof Set) {
    const what = annotations instanceof Map ? 'a Map' : annotations instanceof Set ? 'a Set' : typeDescription(annotations);
    throw new InvalidEventError('InvalidAnnotations', `annotations are ${what}: pass an object of string keys and string values`);
  }
  const out: Record<string, string> = {};
  let size = 0;
  // Object.keys (enumerable string keys) costs half of Reflect.ownKeys on a huge object; symbols apart.
  for (const key of Object.keys(annotations)) {
    const value: unknown = (annotations as Record<string, unknown>)[key];
    if (typeof value !== 'string') {
      throw new InvalidEventError(
        'InvalidAnnotations',
        `annotation ${JSON.stringify(key.slice(0, 253))} is ${typeDescription(value)}: annotation values are strings`,
      );
    }
    // UTF-8 bytes, as the API server counts them (len() of Go strings); stops at the limit, so a huge
    // object costs its key list and at most TOTAL_ANNOTATION_SIZE_LIMIT bytes of checks.
    size += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      throw new InvalidEventError('InvalidAnnotations', `annotations are larger than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes, the API server's limit`);
    }
    // A '__proto__' key assigned with `=` would set the copy's prototype instead of an annotation.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  for (const key of Object.getOwnPropertySymbols(annotations)) {
    if (Object.prototype.propertyIsEnumerable.call(annotations, key)) {
      throw new InvalidEventError('InvalidAnnotations', `annotation key ${String(key)} is a symbol: annotation keys and values are strings`);
    }
  }
  return out;
}
