// Operand printing: Go's printArg, printValue, handleMethods, badVerb and catchPanic over JS values.
// User code (toString, getters, Proxy traps) runs only inside try/catch; throws print as Go panics.
import { fmtFloat } from './floats.js';
import { fmtInteger } from './integers.js';
import type { Printer } from './printer.js';
import { fmtBytes, fmtS, fmtString } from './strings.js';
import { dateGoString, dateString } from './time.js';
import type { ObjectKind } from './values.js';
import {
  ANY_TYPE,
  classifyObject,
  compareKeys,
  compareStrings,
  errorMessage,
  funcName,
  isFloatVerb,
  isStringVerb,
  stringerString,
  typeName,
} from './values.js';

/** Nesting beyond this prints `<max depth>`: Go has no limit, but JS object graphs can be unbounded. */
const MAX_DEPTH = 32;

/** Printed in place of an object that is already being printed further up. */
const CYCLE = '<cycle>';

/**
 * Go's `badVerb`: `%!verb(type=value)`, or `%!verb(<nil>)`. The value is printed with `%v` and the
 * current flags, without calling Error()/String() (Go's `erroring`).
 * @param p - printer
 * @param value - the operand
 * @param verb - the rejected verb
 */
export function badVerb(p: Printer, value: unknown, verb: string): void {
  const wasErroring = p.erroring;
  p.erroring = true;
  p.buf += '%!' + verb + '(';
  if (value === null || value === undefined) {
    p.buf += '<nil>';
  } else {
    p.buf += typeName(value) + '=';
    printArg(p, value, 'v');
  }
  p.buf += ')';
  p.erroring = wasErroring;
}

/** Safe text for a thrown value when printing it failed too. */
const UNPRINTABLE = '<unprintable>';

/**
 * Go's `catchPanic`: `%!verb(PANIC=<method> method: <thrown value>)`, printed with default flags.
 * @param p - printer
 * @param thrown - what was thrown
 * @param verb - the verb being printed
 * @param method - `String`, `Error`, `Get` (property getter) or `Inspect` (type checks, Proxy traps)
 */
export function catchPanic(p: Printer, thrown: unknown, verb: string, method: string): void {
  if (p.panicking) {
    // Go re-panics here; a string that says so is the only safe answer.
    p.buf += UNPRINTABLE;
    return;
  }
  const saved = p.saveFlags();
  p.clearFlags();
  p.buf += '%!' + verb + '(PANIC=' + method + ' method: ';
  p.panicking = true;
  try {
    printArg(p, thrown, 'v');
  } catch {
    p.buf += UNPRINTABLE;
  }
  p.panicking = false;
  p.buf += ')';
  p.restoreFlags(saved);
}

/**
 * Go's `printArg`: one top-level operand. Handles nil, `%T` and `%p` before the value itself.
 * @param p - printer
 * @param arg - the operand
 * @param verb - the verb
 */
export function printArg(p: Printer, arg: unknown, verb: string): void {
  if (arg === null || arg === undefined) {
    if (verb === 'T' || verb === 'v') p.pad('<nil>');
    else badVerb(p, arg, verb);
    return;
  }
  if (verb === 'T') {
    fmtS(p, typeName(arg));
    return;
  }
  if (verb === 'p') {
    // JS values have no address to show.
    badVerb(p, arg, verb);
    return;
  }
  printValue(p, arg, verb);
}

/**
 * Go's `printValue`: an operand or a nested element.
 * @param p - printer
 * @param value - the value
 * @param verb - the verb
 */
export function printValue(p: Printer, value: unknown, verb: string): void {
  switch (typeof value) {
    case 'string':
      if (!fmtString(p, value, verb)) badVerb(p, value, verb);
      return;
    case 'number':
      if (Number.isSafeInteger(value) && !isFloatVerb(verb)) {
        if (!fmtInteger(p, value, verb)) badVerb(p, value, verb);
      } else if (!fmtFloat(p, value, verb)) {
        badVerb(p, value, verb);
      }
      return;
    case 'bigint':
      if (!fmtInteger(p, value, verb)) badVerb(p, value, verb);
      return;
    case 'boolean':
      if (verb === 't' || verb === 'v') p.pad(value ? 'true' : 'false');
      else badVerb(p, value, verb);
      return;
    case 'symbol': {
      const s = String(value);
      if (!p.erroring && !p.sharpV && isStringVerb(verb)) fmtString(p, s, verb);
      else if (verb === 'v') p.pad(s);
      else badVerb(p, value, verb);
      return;
    }
    case 'function':
      // Functions cannot be formatted; inside the bad-verb notation only the name is shown.
      if (p.erroring) p.pad(funcName(value));
      else badVerb(p, value, verb);
      return;
    case 'object':
      if (value !== null) {
        printObject(p, value, verb);
        return;
      }
      break;
    default:
      break;
  }
  // A nil element inside a container: Go's nil interface, written without padding.
  p.buf += p.sharpV ? ANY_TYPE + '(nil)' : '<nil>';
}

/** Go's `handleMethods`: uses Error()/String() for string verbs, GoString() for `%#v`. */
function handleMethods(p: Printer, o: object, kind: ObjectKind, verb: string): boolean {
  if (p.erroring) return false;
  if (verb === 'w') {
    // %w is only meaningful to Go's Errorf.
    badVerb(p, o, verb);
    return true;
  }
  if (p.sharpV) {
    if (kind !== 'date') return false;
    fmtS(p, dateGoString(o as Date));
    return true;
  }
  if (!isStringVerb(verb)) return false;
  let s: string;
  switch (kind) {
    case 'error':
      try {
        s = errorMessage(o);
      } catch (e) {
        catchPanic(p, e, verb, 'Error');
        return true;
      }
      break;
    case 'stringer':
      try {
        s = stringerString(o);
      } catch (e) {
        catchPanic(p, e, verb, 'String');
        return true;
      }
      break;
    case 'date':
      s = dateString(o as Date);
      break;
    default:
      return false;
  }
  fmtString(p, s, verb);
  return true;
}

function printObject(p: Printer, o: object, verb: string): void {
  if (p.stack.includes(o)) {
    p.buf += CYCLE;
    return;
  }
  if (p.stack.length >= MAX_DEPTH) {
    p.buf += '<max depth>';
    return;
  }
  let kind: ObjectKind;
  try {
    kind = classifyObject(o);
  } catch (e) {
    catchPanic(p, e, verb, 'Inspect');
    return;
  }
  if (handleMethods(p, o, kind, verb)) return;
  if (kind === 'date') {
    // A time.Time under a non-string verb, or inside a bad-verb notation.
    if (verb === 'v') p.pad(p.sharpV ? dateGoString(o as Date) : dateString(o as Date));
    else badVerb(p, o, verb);
    return;
  }
  p.stack.push(o);
  try {
    printComposite(p, o, kind, verb);
  } catch (e) {
    catchPanic(p, e, verb, 'Inspect');
  } finally {
    p.stack.pop();
  }
}

function printComposite(p: Printer, o: object, kind: ObjectKind, verb: string): void {
  switch (kind) {
    case 'array':
      printSlice(p, o, o as readonly unknown[], verb);
      return;
    case 'bytes':
      if (!fmtBytes(p, o as Uint8Array, verb)) printSlice(p, o, o as Uint8Array, verb);
      return;
    case 'typed':
      printSlice(p, o, o as ArrayLike<unknown>, verb);
      return;
    case 'set':
      printSlice(p, o, firstOf(Set.prototype.values.call(o as Set<unknown>), p.limit), verb);
      return;
    case 'map':
      printMap(p, o as Map<unknown, unknown>, verb);
      return;
    case 'error':
      printErrorStruct(p, o, verb);
      return;
    default:
      printFields(p, o, verb);
  }
}

/** A Go slice: `[a b]`, or `[]T{a, b}` for `%#v`. */
function printSlice(p: Printer, o: object, items: ArrayLike<unknown>, verb: string): void {
  const n = items.length;
  if (p.sharpV) {
    p.buf += typeName(o) + '{';
    for (let i = 0; i < n && !p.full(); i++) {
      if (i > 0) p.buf += ', ';
      printValue(p, items[i], verb);
    }
    p.buf += '}';
    return;
  }
  p.buf += '[';
  for (let i = 0; i < n && !p.full(); i++) {
    if (i > 0) p.buf += ' ';
    printValue(p, items[i], verb);
  }
  p.buf += ']';
}

/** A Go map: `map[k:v k:v]` with sorted keys, or `map[K]V{k:v, k:v}` for `%#v`. */
function printMap(p: Printer, m: Map<unknown, unknown>, verb: string): void {
  // Bounded (sprintfBounded): a map larger than the limit prints its first entries only, sorted.
  const entries = firstOf(Map.prototype.entries.call(m), p.limit).sort((a, b) => compareKeys(a[0], b[0]));
  p.buf += p.sharpV ? typeName(m) + '{' : 'map[';
  for (let i = 0; i < entries.length && !p.full(); i++) {
    const entry = entries[i];
    if (entry === undefined) continue;
    if (i > 0) p.buf += p.sharpV ? ', ' : ' ';
    printValue(p, entry[0], verb);
    p.buf += ':';
    printValue(p, entry[1], verb);
  }
  p.buf += p.sharpV ? '}' : ']';
}

/** An object's own enumerable properties as a Go `map[string]interface {}`. */
function printFields(p: Printer, o: object, verb: string): void {
  // Bounded (sprintfBounded): an object with more keys than the limit prints its first keys only, sorted.
  const all = Object.keys(o);
  const keys = (all.length > p.limit + 1 ? all.slice(0, p.limit + 1) : all).sort(compareStrings);
  p.buf += p.sharpV ? 'map[string]' + ANY_TYPE + '{' : 'map[';
  for (let i = 0; i < keys.length && !p.full(); i++) {
    const key = keys[i] ?? '';
    if (i > 0) p.buf += p.sharpV ? ', ' : ' ';
    printValue(p, key, verb);
    p.buf += ':';
    let v: unknown;
    try {
      v = (o as Record<string, unknown>)[key];
    } catch (e) {
      catchPanic(p, e, verb, 'Get');
      continue;
    }
    printValue(p, v, verb);
  }
  p.buf += p.sharpV ? '}' : ']';
}

/**
 * A JS error where Go would not call Error(): printed as the `*errors.errorString` that
 * errors.New returns, i.e. `&{message}` (`&errors.errorString{s:"message"}` for `%#v`).
 */
function printErrorStruct(p: Printer, o: object, verb: string): void {
  let msg: string;
  try {
    msg = errorMessage(o);
  } catch (e) {
    catchPanic(p, e, verb, 'Error');
    return;
  }
  if (p.sharpV) p.buf += '&errors.errorString{s:';
  else p.buf += p.plusV ? '&{s:' : '&{';
  printValue(p, msg, verb);
  p.buf += '}';
}

/**
 * The first `limit` + 1 values of `iterator` (all of them when `limit` is Infinity): enough to overflow a
 * bounded printer, since every element prints at least one character.
 */
function firstOf<T>(iterator: IterableIterator<T>, limit: number): T[] {
  if (limit === Infinity) return Array.from(iterator);
  const out: T[] = [];
  for (const v of iterator) {
    if (out.length > limit) break;
    out.push(v);
  }
  return out;
}
