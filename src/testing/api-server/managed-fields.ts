// metadata.managedFields as the apiserver's field manager keeps them: one entry per manager (the
// fieldManager parameter, else the User-Agent up to its first '/') and operation, with the FieldsV1 set of
// fields that manager last set, computed by comparing the object before and after each write.
import type { JsonObject, JsonValue } from './json.js';
import { isJsonObject, jsonEqual } from './json.js';

/** How a kind's fields are owned: which nodes are atomic, which are maps or associative lists. */
export type FieldSchema =
  /** A scalar or an atomic struct/list (`+structType=atomic`, e.g. ObjectReference): owned as one field. */
  | { readonly t: 'leaf' }
  /** A struct: named fields; fields not listed are leaves. */
  | { readonly t: 'struct'; readonly fields: Readonly<Record<string, FieldSchema>> }
  /** A `map[string]…` (labels, data): every key is a field of its own. */
  | { readonly t: 'map' }
  /** A `+listType=set` list of scalars (finalizers): items are `v:<value>`. */
  | { readonly t: 'set' }
  /** A `+listType=map` list (ownerReferences by uid): items are `k:{"key":value}`. */
  | { readonly t: 'keyed'; readonly key: string; readonly item: FieldSchema };

/** One entry of metadata.managedFields (metav1.ManagedFieldsEntry, Go field order). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
}

/** A group/version's view of a stored kind, as the field manager compares it. */
export interface ManagedShape<T> {
  readonly apiVersion: string;
  readonly schema: FieldSchema;
  /** The object as this version serialises it (Go JSON, zero values as Go prints them). */
  render(obj: T): JsonObject;
  /** Top-level fields the strategy resets (GetResetFields: a namespace's `status`), never owned. */
  readonly resetFields?: readonly string[];
}

/** Who writes and how. */
export interface ManagerWrite {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  /** The write's time, RFC 3339 seconds. */
  readonly time: string;
}

const LEAF: FieldSchema = { t: 'leaf' };

/** Fields no manager owns (the field manager's stripMetaManager): identity and server-set metadata. */
const STRIPPED = new Set(
  [['f:apiVersion'], ['f:kind'], ['f:metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`])].map(
    (p) => JSON.stringify(p),
  ),
);

/** validation.FieldManagerMaxLength. */
const FIELD_MANAGER_MAX_LENGTH = 128;

/**
 * The manager name of a write: the `fieldManager` parameter, else the User-Agent up to its first '/',
 * without unprintable characters, cut at 128 bytes (the handlers' prefixFromUserAgent).
 */
export function managerName(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  let out = '';
  let bytes = 0;
  for (const ch of (userAgent ?? '').split('/')[0] ?? '') {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A set of field paths; each path is a JSON array of path elements (`f:name`, `k:{…}`, `v:…`). */
type PathSet = Set<string>;

interface Comparison {
  readonly added: PathSet;
  readonly modified: PathSet;
  readonly removed: PathSet;
}

function childSchema(schema: FieldSchema, field: string): FieldSchema {
  if (schema.t === 'struct') return schema.fields[field] ?? LEAF;
  return LEAF;
}

/** Items of an associative list by their path element. */
function listItems(value: JsonValue | undefined, schema: FieldSchema): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  if (!Array.isArray(value)) return out;
  for (const item of value) {
    if (schema.t === 'set') out.set(`v:${JSON.stringify(item)}`, item);
    else if (schema.t === 'keyed' && isJsonObject(item)) out.set(`k:${JSON.stringify({ [schema.key]: item[schema.key] ?? null })}`, item);
  }
  return out;
}

/** structured-merge-diff's compare walk: leaves by value, containers added/removed as a whole node too. */
function compare(lhs: JsonValue | undefined, rhs: JsonValue | undefined, schema: FieldSchema, path: string[], out: Comparison): void {
  const key = JSON.stringify(path);
  const container = (schema.t === 'struct' || schema.t === 'map') ? isJsonObject(lhs ?? null) || isJsonObject(rhs ?? null) : schema.t !== 'leaf';
  if (!container) {
    if (lhs === undefined) out.added.add(key);
    else if (rhs === undefined) out.removed.add(key);
    else if (!jsonEqual(lhs, rhs)) out.modified.add(key);
    return;
  }
  if (schema.t === 'struct' || schema.t === 'map') {
    const l = isJsonObject(lhs ?? null) ? (lhs as JsonObject) : {};
    const r = isJsonObject(rhs ?? null) ? (rhs as JsonObject) : {};
    for (const k of new Set([...Object.keys(l), ...Object.keys(r)])) {
      compare(l[k], r[k], schema.t === 'map' ? LEAF : childSchema(schema, k), [...path, `f:${k}`], out);
    }
  } else {
    const l = listItems(lhs, schema);
    const r = listItems(rhs, schema);
    const itemSchema = schema.t === 'keyed' ? schema.item : LEAF;
    for (const k of new Set([...l.keys(), ...r.keys()])) {
      compare(l.get(k), r.get(k), itemSchema, [...path, k], out);
      // List items are fields themselves (toFieldSet inserts every item's path).
      if (itemSchema.t !== 'leaf') {
        const itemKey = JSON.stringify([...path, k]);
        if (!l.has(k)) out.added.add(itemKey);
        else if (!r.has(k)) out.removed.add(itemKey);
      }
    }
  }
  if (path.length > 0) {
    if (lhs === undefined) out.added.add(key);
    else if (rhs === undefined) out.removed.add(key);
  }
}

/** typed.ToFieldSet: the fields an applied configuration sets — leaves, map keys, list items, empty containers. */
function toFieldSet(value: JsonValue, schema: FieldSchema, path: string[], out: PathSet): PathSet {
  const key = JSON.stringify(path);
  if (schema.t === 'struct' || schema.t === 'map') {
    if (!isJsonObject(value) || Object.keys(value).length === 0) {
      if (path.length > 0) out.add(key);
      return out;
    }
    for (const [k, v] of Object.entries(value)) toFieldSet(v, schema.t === 'map' ? LEAF : childSchema(schema, k), [...path, `f:${k}`], out);
    return out;
  }
  if (schema.t === 'set' || schema.t === 'keyed') {
    const items = listItems(value, schema);
    if (items.size === 0) out.add(key);
    for (const [k, item] of items) {
      out.add(JSON.stringify([...path, k]));
      if (schema.t === 'keyed') toFieldSet(item, schema.item, [...path, k], out);
    }
    return out;
  }
  out.add(key);
  return out;
}

/** Decodes a FieldsV1 tree into paths: a node is a member when it is a leaf `{}` or carries ".". */
export function fieldsV1ToPaths(fields: JsonObject, prefix: string[] = [], out: PathSet = new Set()): PathSet {
  for (const [k, v] of Object.entries(fields)) {
    if (k === '.') continue;
    const path = [...prefix, k];
    const node = isJsonObject(v) ? v : {};
    if (Object.keys(node).length === 0 || '.' in node) out.add(JSON.stringify(path));
    fieldsV1ToPaths(node, path, out);
  }
  return out;
}

interface Node {
  self: boolean;
  readonly children: Map<string, Node>;
}

/** Order of path elements in FieldsV1 (PathElement.Compare): fields, then keys, then values, then indexes. */
function elementOrder(a: string, b: string): number {
  const rank = (s: string): number => ({ f: 0, k: 1, v: 2, i: 3 })[s[0] as 'f'] ?? 4;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Encodes paths as a FieldsV1 tree (fieldpath.Set.ToJSON): sorted elements, "." for a member with children. */
export function pathsToFieldsV1(paths: PathSet): JsonObject {
  const root: Node = { self: false, children: new Map() };
  for (const p of paths) {
    let node = root;
    for (const el of JSON.parse(p) as string[]) {
      let next = node.children.get(el);
      if (!next) {
        next = { self: false, children: new Map() };
        node.children.set(el, next);
      }
      node = next;
    }
    node.self = true;
  }
  const emit = (node: Node, includeSelf: boolean): JsonObject => {
    const out: JsonObject = {};
    if (includeSelf && node.self && node.children.size > 0) out['.'] = {};
    for (const k of [...node.children.keys()].sort(elementOrder)) out[k] = emit(node.children.get(k) as Node, true);
    return out;
  };
  return emit(root, false);
}

function without(set: PathSet, remove: PathSet): PathSet {
  return new Set([...set].filter((p) => !remove.has(p)));
}

function withoutSubtrees(set: PathSet, roots: readonly string[]): PathSet {
  if (roots.length === 0) return set;
  const prefixes = roots.map((r) => JSON.stringify([`f:${r}`]).slice(0, -1));
  return new Set([...set].filter((p) => !prefixes.some((pre) => p === `${pre}]` || p.startsWith(`${pre},`))));
}

function stripManagedFields(rendered: JsonObject): JsonObject {
  const meta = rendered['metadata'];
  if (!isJsonObject(meta) || !('managedFields' in meta)) return rendered;
  const { managedFields: _m, ...rest } = meta;
  return { ...rendered, metadata: rest };
}

/** The identity of an entry: manager and operation, plus the apiVersion for updates (BuildManagerIdentifier). */
function identity(e: { manager?: string; operation: string; apiVersion: string }): string {
  return JSON.stringify([e.manager ?? '', e.operation, e.operation === 'Update' ? e.apiVersion : '']);
}

/** sortEncodedManagedFields: operation, then time (seconds), then manager, then apiVersion. */
function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const str = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((p, q) => str(p.operation, q.operation) || str(p.time, q.time) || str(p.manager ?? '', q.manager ?? '') || str(p.apiVersion, q.apiVersion));
}

/**
 * The managedFields after one write. `live` is the stored object (undefined for a create), `next` the
 * object being written, `shapes` every version the kind is served in (entries written through another
 * version are compared in theirs), `version` the one this write came through. For an apply, `applied`
 * is the configuration sent: the manager then owns exactly its fields.
 */
export function updateManagedFields<T>(
  previous: readonly ManagedFieldsEntry[],
  live: T | undefined,
  next: T,
  emptyObject: T,
  shapes: readonly ManagedShape<T>[],
  version: string,
  write: ManagerWrite,
  applied?: JsonObject,
): ManagedFieldsEntry[] | undefined {
  const comparisons = new Map<string, Comparison>();
  const comparisonIn = (apiVersion: string): Comparison | undefined => {
    const shape = shapes.find((s) => s.apiVersion === apiVersion);
    if (!shape) return undefined;
    let c = comparisons.get(apiVersion);
    if (!c) {
      c = { added: new Set(), modified: new Set(), removed: new Set() };
      compare(stripManagedFields(shape.render(live ?? emptyObject)), stripManagedFields(shape.render(next)), shape.schema, [], c);
      comparisons.set(apiVersion, c);
    }
    return c;
  };
  const own = shapes.find((s) => s.apiVersion === version);
  const mine = comparisonIn(version);
  if (!own || !mine) return previous.length > 0 ? [...previous] : undefined;

  let current: PathSet;
  if (applied) {
    current = toFieldSet(applied, own.schema, [], new Set());
  } else {
    current = new Set([...mine.added, ...mine.modified]);
  }
  current = withoutSubtrees(without(current, STRIPPED), own.resetFields ?? []);

  const id = identity({ manager: write.manager, operation: write.operation, apiVersion: version });
  const out: ManagedFieldsEntry[] = [];
  let mineBefore: ManagedFieldsEntry | undefined;
  for (const entry of previous) {
    if (identity(entry) === id) {
      mineBefore = entry;
      continue;
    }
    // Every update forces: fields it set move to it, fields it removed leave every manager.
    const theirs = comparisonIn(entry.apiVersion);
    let set = fieldsV1ToPaths(entry.fieldsV1);
    if (theirs) set = without(set, new Set([...theirs.added, ...theirs.modified, ...theirs.removed]));
    if (set.size > 0) out.push({ ...entry, fieldsV1: pathsToFieldsV1(set) });
  }
  let minePaths = mineBefore && !applied ? without(fieldsV1ToPaths(mineBefore.fieldsV1), mine.removed) : new Set<string>();
  minePaths = new Set([...minePaths, ...current]);
  if (minePaths.size > 0) {
    // The time moves only when this write took fields (managedFieldsUpdater); otherwise the entry stays as it was.
    const time = current.size > 0 || !mineBefore ? write.time : mineBefore.time;
    const entry: ManagedFieldsEntry = { operation: write.operation, apiVersion: version, time, fieldsType: 'FieldsV1', fieldsV1: pathsToFieldsV1(minePaths) };
    out.push(write.manager === '' ? entry : { manager: write.manager, ...entry });
  }
  return out.length > 0 ? sortEntries(out) : undefined;
}

/** Renders entries in Go field order (manager omitted when empty). */
export function renderManagedFields(entries: readonly ManagedFieldsEntry[]): JsonObject[] {
  return entries.map((e) => {
    const out: JsonObject = {};
    if (e.manager) out['manager'] = e.manager;
    out['operation'] = e.operation;
    out['apiVersion'] = e.apiVersion;
    out['time'] = e.time;
    out['fieldsType'] = e.fieldsType;
    out['fieldsV1'] = e.fieldsV1;
    return out;
  });
}
