// JS value model: which Go type each JS value prints as, its Go type name (for %T, %#v and the
// `%!d(type=value)` notations) and Go's map-key ordering. See the table in sprintf.ts.
import { types } from 'node:util';

/** How an object prints; primitives are dispatched on `typeof` instead. */
export type ObjectKind =
  /** JS array → Go slice. */
  | 'array'
  /** Uint8Array, Uint8ClampedArray, Buffer → Go []byte. */
  | 'bytes'
  /** Other typed arrays → Go slice of numbers. */
  | 'typed'
  /** Map → Go map with sorted keys. */
  | 'map'
  /** Set → Go slice of its values. */
  | 'set'
  /** Date → Go time.Time (a Stringer and GoStringer). */
  | 'date'
  /** Error or error-like → Go error (errors.New). */
  | 'error'
  /** Object with its own toString → Go fmt.Stringer. */
  | 'stringer'
  /** Anything else → Go map[string]interface {} of its own enumerable keys. */
  | 'object';

/** The Go type of an operand whose type is unknown or mixed. */
export const ANY_TYPE = 'interface {}';

/** How far nested element types are inferred before falling back to `interface {}`. */
const MAX_TYPE_DEPTH = 3;

/**
 * How many elements one type inference looks at, over all nesting levels: a JS container has no static
 * type, so it is inferred from the elements, and this bounds the cost for huge ones (elements beyond do not
 * change the name).
 */
const MAX_TYPE_ELEMENTS = 4096;

/** Elements a type inference may still look at (one per `typeName` call). */
interface TypeBudget {
  left: number;
}

/**
 * Classifies an object. May run user code (getters, Proxy traps), so callers guard it.
 * @param o - any non-null object
 * @returns its kind
 */
export function classifyObject(o: object): ObjectKind {
  if (Array.isArray(o)) return 'array';
  if (types.isTypedArray(o)) return types.isUint8Array(o) || types.isUint8ClampedArray(o) ? 'bytes' : 'typed';
  if (types.isMap(o)) return 'map';
  if (types.isSet(o)) return 'set';
  if (types.isDate(o)) return 'date';
  if (types.isNativeError(o) || o instanceof Error) return 'error';
  const r = o as { message?: unknown; name?: unknown; toString?: unknown };
  if (typeof r.message === 'string' && typeof r.name === 'string') return 'error';
  const toString = r.toString;
  if (typeof toString === 'function' && toString !== Object.prototype.toString) return 'stringer';
  return 'object';
}

/**
 * Go's `error.Error()` for a JS error: its message.
 * @param e - an object classified as `error`
 * @returns the message, coerced to a string
 */
export function errorMessage(e: object): string {
  const m = (e as { message?: unknown }).message;
  return typeof m === 'string' ? m : String(m);
}

/**
 * Go's `Stringer.String()` for a JS object: `String(obj)`, which runs its own toString
 * (or Symbol.toPrimitive). May throw; callers guard it.
 * @param o - an object classified as `stringer`
 * @returns the string form
 */
export function stringerString(o: object): string {
  const v: unknown = o;
  return String(v);
}

/**
 * The name shown for a function operand; never throws.
 * @param f - a function
 * @returns its `name`, or `<anonymous>`
 */
export function funcName(f: unknown): string {
  try {
    const n = (f as { name?: unknown }).name;
    if (typeof n === 'string' && n !== '') return n;
  } catch {
    // A Proxy or a throwing getter: fall through to the anonymous form.
  }
  return '<anonymous>';
}

/**
 * Whether Go's handleMethods would use Error()/String() for this verb.
 * @param verb - the verb
 * @returns true for v s x X q
 */
export function isStringVerb(verb: string): boolean {
  return verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q';
}

/**
 * Float-only verbs. JS cannot tell 2 from 2.0, so these accept integer-valued numbers too.
 * @param verb - the verb
 * @returns true for e E f F g G
 */
export function isFloatVerb(verb: string): boolean {
  return verb === 'f' || verb === 'e' || verb === 'g' || verb === 'E' || verb === 'G' || verb === 'F';
}

function typedElemName(o: object): string {
  if (types.isInt8Array(o)) return 'int8';
  if (types.isInt16Array(o)) return 'int16';
  if (types.isUint16Array(o)) return 'uint16';
  if (types.isInt32Array(o)) return 'int32';
  if (types.isUint32Array(o)) return 'uint32';
  if (types.isFloat32Array(o)) return 'float32';
  if (types.isBigInt64Array(o)) return 'int64';
  if (types.isBigUint64Array(o)) return 'uint64';
  return 'float64';
}

/** The common Go type of some values, `interface {}` when mixed, empty or containing nil. */
function elemTypeName(values: Iterable<unknown>, depth: number, budget: TypeBudget): string {
  if (depth >= MAX_TYPE_DEPTH) return ANY_TYPE;
  let name: string | undefined;
  for (const v of values) {
    if (budget.left-- <= 0) break;
    if (v === null || v === undefined) return ANY_TYPE;
    const t = typeName(v, depth + 1, budget);
    if (name === undefined) name = t;
    else if (t !== name) return ANY_TYPE;
  }
  return name ?? ANY_TYPE;
}

function constructorName(o: object): string | undefined {
  const c = (o as { constructor?: unknown }).constructor;
  if (typeof c !== 'function') return undefined;
  const n = (c as { name?: unknown }).name;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

function objectTypeName(o: object, depth: number, budget: TypeBudget): string {
  switch (classifyObject(o)) {
    case 'array':
      return '[]' + elemTypeName(o as unknown[], depth, budget);
    case 'bytes':
      return '[]uint8';
    case 'typed':
      return '[]' + typedElemName(o);
    case 'map': {
      const m = o as Map<unknown, unknown>;
      return 'map[' + elemTypeName(Map.prototype.keys.call(m), depth, budget) + ']' + elemTypeName(Map.prototype.values.call(m), depth, budget);
    }
    case 'set':
      return '[]' + elemTypeName(Set.prototype.values.call(o as Set<unknown>), depth, budget);
    case 'date':
      return 'time.Time';
    case 'error':
      // What errors.New returns.
      return '*errors.errorString';
    case 'stringer':
      return constructorName(o) ?? 'fmt.Stringer';
    case 'object':
      return 'map[string]' + ANY_TYPE;
  }
}

/**
 * The Go type name of a JS value, as printed by `%T` and inside `%!verb(type=value)`. Never throws.
 * @param v - any value
 * @param depth - nesting level of element-type inference (internal)
 * @param budget - elements the inference may still look at (internal)
 * @returns e.g. `int`, `float64`, `[]string`, `map[string]int`, `*errors.errorString`
 */
export function typeName(v: unknown, depth = 0, budget: TypeBudget = { left: MAX_TYPE_ELEMENTS }): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    case 'symbol':
      return 'symbol';
    case 'function':
      return 'func';
    case 'object':
      if (v === null) return ANY_TYPE;
      try {
        return objectTypeName(v, depth, budget);
      } catch {
        return ANY_TYPE;
      }
    default:
      return ANY_TYPE;
  }
}

/** Go's fmtsort order of kinds when keys of different types share a map. */
function keyRank(v: unknown): number {
  switch (typeof v) {
    case 'undefined':
      return 0;
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    default:
      return v === null ? 0 : 4;
  }
}

/**
 * Orders strings by code point, i.e. by their UTF-8 bytes as Go compares them.
 * (Plain `<` compares UTF-16 units, which differs when a surrogate meets U+E000..U+FFFF.)
 * @param a - first string
 * @param b - second string
 * @returns negative, zero or positive
 */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        const xs = x <= 0xdfff;
        const ys = y <= 0xdfff;
        if (xs !== ys) return xs ? 1 : -1;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * Go's map key order (internal/fmtsort): numbers numerically with NaN first, strings by bytes,
 * false before true; keys of different kinds by kind. Objects keep insertion order.
 * @param a - first key
 * @param b - second key
 * @returns negative, zero or positive
 */
export function compareKeys(a: unknown, b: unknown): number {
  const ra = keyRank(a);
  const rb = keyRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    const an = typeof a === 'number' && Number.isNaN(a);
    const bn = typeof b === 'number' && Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return 0;
}
