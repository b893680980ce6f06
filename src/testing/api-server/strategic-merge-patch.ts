// Strategic merge patch for the types served here: merge-patch semantics for maps, the patch directives
// ($patch, $retainKeys, $deleteFromPrimitiveList, $setElementOrder) and the Go structs' list strategies.
import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.js';

/** How a list field merges: by a key (ownerReferences by uid), as a set of primitives (finalizers), or replaced. */
export type ListStrategy = { readonly merge: 'key'; readonly key: string } | { readonly merge: 'primitive' };

/** Looks up the patch strategy of the list at a dotted field path (`metadata.finalizers`). */
export type ListStrategies = (path: string) => ListStrategy | undefined;

/** A malformed strategic patch (the server answers 400 with this message). */
export class StrategicPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategicPatchError';
  }
}

const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

export function applyStrategicMergePatch(original: JsonObject, patch: JsonObject, strategies: ListStrategies): JsonObject {
  return mergeMap(cloneJson(original), patch, strategies, '');
}

function mergeMap(original: JsonObject, patch: JsonObject, strategies: ListStrategies, path: string): JsonObject {
  const directive = patch['$patch'];
  if (directive === 'replace') {
    const { $patch: _d, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (directive !== undefined && directive !== 'merge') {
    throw new StrategicPatchError(`Unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
  }
  const retain = patch['$retainKeys'];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new StrategicPatchError('invalid patch format for retainKeys');
    const keep = new Set(retain.filter((k): k is string => typeof k === 'string'));
    for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (k.startsWith(DELETE_FROM_PRIMITIVE)) {
      const field = k.slice(DELETE_FROM_PRIMITIVE.length);
      if (!Array.isArray(v)) throw new StrategicPatchError('invalid patch format for primitive list');
      const cur = original[field];
      if (Array.isArray(cur)) original[field] = cur.filter((item) => !v.some((d) => jsonEqual(d, item)));
      continue;
    }
    const childPath = path === '' ? k : `${path}.${k}`;
    if (v === null) {
      delete original[k];
    } else if (isJsonObject(v)) {
      if (v['$patch'] === 'delete') delete original[k];
      else {
        const cur = original[k];
        original[k] = mergeMap(isJsonObject(cur) ? cur : {}, v, strategies, childPath);
      }
    } else if (Array.isArray(v)) {
      original[k] = mergeList(original[k], v, strategies(childPath), strategies, childPath);
    } else {
      original[k] = v;
    }
  }
  return original;
}

function stripDirectives(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    out[k] = isJsonObject(val) ? stripDirectives(val) : cloneJson(val);
  }
  return out;
}

function mergeList(current: JsonValue | undefined, patch: JsonValue[], strategy: ListStrategy | undefined, strategies: ListStrategies, path: string): JsonValue[] {
  const cur = Array.isArray(current) ? current : [];
  if (strategy === undefined) return patch.map((item) => (isJsonObject(item) ? stripDirectives(item) : cloneJson(item)));
  if (strategy.merge === 'primitive') {
    const out = [...cur];
    for (const item of patch) if (!out.some((o) => jsonEqual(o, item))) out.push(cloneJson(item));
    return out;
  }
  const key = strategy.key;
  if (patch.some((item) => isJsonObject(item) && item['$patch'] === 'replace')) {
    return patch.filter((item) => !(isJsonObject(item) && item['$patch'] === 'replace')).map((i) => (isJsonObject(i) ? stripDirectives(i) : i));
  }
  const out = [...cur];
  for (const item of patch) {
    if (!isJsonObject(item)) throw new StrategicPatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const keyValue = item[key];
    if (keyValue === undefined) throw new StrategicPatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const idx = out.findIndex((o) => isJsonObject(o) && jsonEqual(o[key], keyValue));
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = mergeMap(cloneJson(out[idx] as JsonObject), item, strategies, path);
    } else {
      out.push(stripDirectives(item));
    }
  }
  return out;
}
