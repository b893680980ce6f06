// metav1.ObjectMeta: its JSON schema, its rendering in Go field order, and the generic metadata
// validation every create/update runs (ValidateObjectMeta / ValidateObjectMetaUpdate).
import { S, type StructSchema } from './decode.js';
import { forbidden, invalid, invalidRendered, required, tooLong, type FieldError } from './field-errors.js';
import { goQuote, goTimeString } from './go-format.js';
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.js';
import { renderManagedFields, type FieldSchema, type ManagedFieldsEntry } from './managed-fields.js';
import { byteLength, isDNS1123Label, isQualifiedName, isValidLabelValue, type NameValidator } from './name-validation.js';

/** An owner reference (metav1.OwnerReference). */
export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Object metadata as stored; absent fields are Go zero values. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  /** Set by the server's field manager on every write; what a client sends is ignored. */
  managedFields?: ManagedFieldsEntry[];
}

export const ownerReferenceSchema: StructSchema = {
  t: 'struct',
  go: 'v1.OwnerReference',
  fields: { apiVersion: S.string, kind: S.string, name: S.string, uid: S.string, controller: S.boolPtr, blockOwnerDeletion: S.boolPtr },
};

export const objectMetaSchema: StructSchema = {
  t: 'struct',
  go: 'v1.ObjectMeta',
  fields: {
    name: S.string,
    generateName: S.string,
    namespace: S.string,
    selfLink: S.string,
    uid: S.string,
    resourceVersion: S.string,
    generation: S.int64,
    creationTimestamp: S.time,
    deletionTimestamp: S.time,
    deletionGracePeriodSeconds: S.int64Ptr,
    labels: S.stringMap,
    annotations: S.stringMap,
    ownerReferences: { t: 'structList', struct: ownerReferenceSchema },
    finalizers: S.stringList,
    managedFields: {
      t: 'structList',
      struct: {
        t: 'struct',
        go: 'v1.ManagedFieldsEntry',
        fields: { manager: S.string, operation: S.string, apiVersion: S.string, time: S.time, fieldsType: S.string, fieldsV1: { t: 'raw' }, subresource: S.string },
      },
    },
  },
};

/** How ObjectMeta's fields are owned: labels/annotations are maps, finalizers a set, ownerReferences keyed by uid. */
export const objectMetaFieldSchema: FieldSchema = {
  t: 'struct',
  fields: { labels: { t: 'map' }, annotations: { t: 'map' }, finalizers: { t: 'set' }, ownerReferences: { t: 'keyed', key: 'uid', item: { t: 'struct', fields: {} } } },
};

/** Reads the decoded `metadata` of an object (the decoder guarantees the shape). */
export function metaFrom(decoded: JsonObject): ObjectMeta {
  const m = decoded['metadata'];
  if (!isJsonObject(m)) return {};
  const { selfLink: _s, managedFields: _m, ...rest } = m;
  return rest;
}

function renderOwnerReference(o: OwnerReference): JsonObject {
  const out: JsonObject = {};
  out['apiVersion'] = o.apiVersion ?? '';
  out['kind'] = o.kind ?? '';
  out['name'] = o.name ?? '';
  out['uid'] = o.uid ?? '';
  if (o.controller !== undefined) out['controller'] = o.controller;
  if (o.blockOwnerDeletion !== undefined) out['blockOwnerDeletion'] = o.blockOwnerDeletion;
  return out;
}

/** ObjectMeta in Go field order; creationTimestamp is null when unset (as in watch bookmarks). */
export function renderMeta(m: ObjectMeta): JsonObject {
  const out: JsonObject = {};
  if (m.name) out['name'] = m.name;
  if (m.generateName) out['generateName'] = m.generateName;
  if (m.namespace) out['namespace'] = m.namespace;
  if (m.uid) out['uid'] = m.uid;
  if (m.resourceVersion) out['resourceVersion'] = m.resourceVersion;
  if (m.generation) out['generation'] = m.generation;
  out['creationTimestamp'] = m.creationTimestamp ?? null;
  if (m.deletionTimestamp) out['deletionTimestamp'] = m.deletionTimestamp;
  if (m.deletionGracePeriodSeconds !== undefined) out['deletionGracePeriodSeconds'] = m.deletionGracePeriodSeconds;
  if (m.labels) out['labels'] = { ...m.labels };
  if (m.annotations) out['annotations'] = { ...m.annotations };
  if (m.ownerReferences) out['ownerReferences'] = m.ownerReferences.map(renderOwnerReference);
  if (m.finalizers) out['finalizers'] = [...m.finalizers];
  if (m.managedFields && m.managedFields.length > 0) out['managedFields'] = renderManagedFields(m.managedFields);
  return out;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path, v, msg));
  }
  return errs;
}

function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let controllers = 0;
  for (const r of refs ?? []) {
    if (!r.apiVersion) errs.push(invalid(`${path}.apiVersion`, '', 'version must not be empty'));
    if (!r.kind) errs.push(invalid(`${path}.kind`, '', 'must not be empty'));
    if (!r.name) errs.push(invalid(`${path}.name`, '', 'must not be empty'));
    if (!r.uid) errs.push(invalid(`${path}.uid`, '', 'must not be empty'));
    if (r.controller) controllers++;
  }
  if (controllers > 1) errs.push(invalidRendered(path, '[]', 'Only one reference can have Controller set to true'));
  return errs;
}

/** ValidateObjectMeta: name (with the kind's name rule), namespace, labels, annotations, owners, finalizers. */
export function validateObjectMeta(m: ObjectMeta, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (m.generateName) for (const msg of nameFn(m.generateName, true)) errs.push(invalid(`${path}.generateName`, m.generateName, msg));
  if (!m.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(`${path}.name`, m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid(`${path}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  if ((m.generation ?? 0) < 0) errs.push(invalidRendered(`${path}.generation`, String(m.generation), 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  for (const f of m.finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalid(`${path}.finalizers`, f, msg));
  return errs;
}

function immutable(newV: JsonValue | undefined, oldV: JsonValue | undefined, path: string, render: (v: JsonValue | undefined) => string): FieldError[] {
  return jsonEqual(newV ?? null, oldV ?? null) ? [] : [invalidRendered(path, render(newV), 'field is immutable')];
}

const quoteStr = (v: JsonValue | undefined): string => goQuote(typeof v === 'string' ? v : '');

/** ValidateObjectMetaUpdate: identity fields immutable, no new finalizers while deleting, labels... */
export function validateObjectMetaUpdate(n: ObjectMeta, o: ObjectMeta, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const old = new Set(o.finalizers ?? []);
    const added = (n.finalizers ?? []).filter((f) => !old.has(f));
    if (added.length > 0) errs.push(forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => goQuote(f)).join(', ')}}`));
  }
  if (!n.resourceVersion) errs.push(invalid(`${path}.resourceVersion`, '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalidRendered(`${path}.generation`, String(n.generation ?? 0), 'must not be decremented'));
  errs.push(...immutable(n.name, o.name, `${path}.name`, quoteStr));
  errs.push(...immutable(n.namespace, o.namespace, `${path}.namespace`, quoteStr));
  errs.push(...immutable(n.uid, o.uid, `${path}.uid`, quoteStr));
  errs.push(...immutable(n.creationTimestamp, o.creationTimestamp, `${path}.creationTimestamp`, (v) => goTimeString(typeof v === 'string' ? v : undefined)));
  errs.push(...validateLabels(n.labels, `${path}.labels`));
  errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  return errs;
}
