// JSON patch (RFC 6902, application/json-patch+json): add, remove, replace, move, copy and test on
// JSON pointers (RFC 6901), applied to a copy; any failure throws JsonPatchError.
import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.js';

/** A patch that could not be decoded or applied; the message says which operation and why. */
export class JsonPatchError extends Error {
  constructor(
    message: string,
    /** True when the patch document itself is malformed (a 400), false when it does not apply (a 422). */
    readonly malformed: boolean,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

interface Operation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: JsonValue;
  readonly hasValue: boolean;
}

/** Validates the patch document shape (jsonpatch.DecodePatch). */
export function decodeJsonPatch(patch: JsonValue): Operation[] {
  if (!Array.isArray(patch)) {
    throw new JsonPatchError(`json: cannot unmarshal ${isJsonObject(patch) ? 'object' : typeof patch} into Go value of type jsonpatch.Patch`, true);
  }
  return patch.map((raw) => {
    if (!isJsonObject(raw)) throw new JsonPatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation', true);
    const op = typeof raw['op'] === 'string' ? raw['op'] : 'unknown';
    const path = typeof raw['path'] === 'string' ? raw['path'] : '';
    const from = typeof raw['from'] === 'string' ? raw['from'] : undefined;
    const hasValue = Object.prototype.hasOwnProperty.call(raw, 'value');
    return { op, path, hasValue, ...(from !== undefined ? { from } : {}), ...(hasValue ? { value: raw['value'] ?? null } : {}) };
  });
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer: ${path}`, false);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonObject | JsonValue[];

/** Resolves the parent container of a pointer and the last token. */
function resolveParent(doc: JsonValue, tokens: string[], op: string, path: string): [Container, string] {
  let cur: JsonValue = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as string;
    let next: JsonValue | undefined;
    if (Array.isArray(cur)) next = /^\d+$/.test(t) ? cur[Number(t)] : undefined;
    else if (isJsonObject(cur)) next = cur[t];
    if (next === undefined || next === null || typeof next !== 'object') {
      throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`, false);
    }
    cur = next;
  }
  if (cur === null || typeof cur !== 'object') throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`, false);
  return [cur, tokens[tokens.length - 1] as string];
}

function arrayIndex(arr: JsonValue[], t: string, op: string, path: string, forInsert: boolean): number {
  if (forInsert && t === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(t)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`, false);
  const i = Number(t);
  if (i > arr.length || (!forInsert && i >= arr.length)) throw new JsonPatchError(`Unable to access invalid index: ${i}: invalid index referenced`, false);
  return i;
}

function get(doc: JsonValue, path: string, op: string): JsonValue {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const [parent, key] = resolveParent(doc, tokens, op, path);
  const v = Array.isArray(parent) ? parent[arrayIndex(parent, key, op, path, false)] : parent[key];
  if (v === undefined) throw new JsonPatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`, false);
  return v;
}

function add(doc: JsonValue, path: string, value: JsonValue, op = 'add'): JsonValue {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const [parent, key] = resolveParent(doc, tokens, op, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, op, path, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: JsonValue, path: string, op = 'remove'): JsonValue {
  const tokens = parsePointer(path);
  const [parent, key] = resolveParent(doc, tokens, op, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, op, path, false), 1);
  else {
    if (!(key in parent)) throw new JsonPatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`, false);
    delete parent[key];
  }
  return doc;
}

/** Applies the operations to a copy of `doc`. */
export function applyJsonPatch(docIn: JsonValue, ops: readonly Operation[]): JsonValue {
  let doc = cloneJson(docIn);
  for (const o of ops) {
    const need = (): JsonValue => {
      if (!o.hasValue) throw new JsonPatchError(`${o.op} operation does not apply: missing value`, false);
      return cloneJson(o.value ?? null);
    };
    switch (o.op) {
      case 'add':
        doc = add(doc, o.path, need());
        break;
      case 'remove':
        doc = remove(doc, o.path);
        break;
      case 'replace': {
        const value = need();
        get(doc, o.path, 'replace');
        const tokens = parsePointer(o.path);
        if (tokens.length === 0) doc = value;
        else {
          const [parent, key] = resolveParent(doc, tokens, 'replace', o.path);
          if (Array.isArray(parent)) parent[arrayIndex(parent, key, 'replace', o.path, false)] = value;
          else parent[key] = value;
        }
        break;
      }
      case 'move': {
        const from = o.from ?? '';
        const v = get(doc, from, 'move');
        doc = remove(doc, from, 'move');
        doc = add(doc, o.path, v, 'move');
        break;
      }
      case 'copy': {
        const v = cloneJson(get(doc, o.from ?? '', 'copy'));
        doc = add(doc, o.path, v, 'copy');
        break;
      }
      case 'test': {
        let actual: JsonValue | undefined;
        try {
          actual = get(doc, o.path, 'test');
        } catch {
          actual = undefined;
        }
        if (actual === undefined ? (o.value ?? null) !== null : !jsonEqual(actual, o.value ?? null)) {
          throw new JsonPatchError(`testing value ${o.path} failed: test failed`, false);
        }
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${o.op}`, false);
    }
  }
  return doc;
}
