// core/v1 ConfigMaps: schema, rendering and ValidateConfigMap / ValidateConfigMapUpdate.
import { S, type StructSchema } from './decode.js';
import { forbidden, invalid, keyPath, tooLong, type FieldError } from './field-errors.js';
import { defaultFieldLabel } from './field-selector.js';
import { jsonEqual, type JsonObject } from './json.js';
import { byteLength, isConfigMapKey, nameIsDNSSubdomain } from './name-validation.js';
import { metaFrom, objectMetaFieldSchema, objectMetaSchema, renderMeta, validateObjectMeta, validateObjectMetaUpdate, type ObjectMeta } from './object-meta.js';
import { metadataListStrategies, type ResourceView } from './resource-view.js';
import type { ObjectStore } from './store.js';

/** A stored ConfigMap. */
export interface ConfigMap {
  metadata: ObjectMeta;
  immutable?: boolean;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

const MAX_SIZE = 1024 * 1024;

const schema: StructSchema = {
  t: 'struct',
  go: 'v1.ConfigMap',
  fields: { kind: S.string, apiVersion: S.string, metadata: objectMetaSchema, immutable: S.boolPtr, data: S.stringMap, binaryData: S.bytesMap },
};

function validate(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(keyPath('data', k), k, msg));
    if (cm.binaryData && k in cm.binaryData) errs.push(invalid(keyPath('data', k), k, 'duplicate of key present in binaryData'));
    total += byteLength(v);
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(keyPath('binaryData', k), k, msg));
    total += Math.floor((v.length * 3) / 4);
  }
  if (total > MAX_SIZE) errs.push(tooLong('', MAX_SIZE));
  return errs;
}

function validateUpdate(n: ConfigMap, o: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(n.metadata, o.metadata);
  if (o.immutable === true) {
    if (n.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!jsonEqual(n.data ?? null, o.data ?? null)) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (!jsonEqual(n.binaryData ?? null, o.binaryData ?? null)) errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  errs.push(...validate(n));
  return errs;
}

function render(cm: ConfigMap): JsonObject {
  const out: JsonObject = { metadata: renderMeta(cm.metadata) };
  if (cm.immutable !== undefined) out['immutable'] = cm.immutable;
  if (cm.data) out['data'] = { ...cm.data };
  if (cm.binaryData) out['binaryData'] = { ...cm.binaryData };
  return out;
}

function decode(d: JsonObject): ConfigMap {
  const cm: ConfigMap = { metadata: metaFrom(d) };
  if (typeof d['immutable'] === 'boolean') cm.immutable = d['immutable'];
  if (d['data'] !== undefined) cm.data = d['data'] as Record<string, string>;
  if (d['binaryData'] !== undefined) cm.binaryData = d['binaryData'] as Record<string, string>;
  return cm;
}

export function configMapsView(store: ObjectStore<ConfigMap>): ResourceView<ConfigMap> {
  return {
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    resource: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    shortNames: ['cm'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    storageVersionHash: 'qFsyl6wFWjQ=',
    namespaced: true,
    gr: { group: '', resource: 'configmaps' },
    internalGroup: '',
    store,
    schema,
    allowCreateOnUpdate: false,
    returnDeletedObject: false,
    listStrategies: metadataListStrategies,
    fieldSchema: { t: 'struct', fields: { metadata: objectMetaFieldSchema, data: { t: 'map' }, binaryData: { t: 'map' } } },
    decode,
    render,
    empty: (resourceVersion) => ({ metadata: { resourceVersion } }),
    prepareForCreate: () => undefined,
    prepareForUpdate: () => undefined,
    validateCreate: validate,
    validateUpdate,
    selectableFields: (cm) => ({ 'metadata.name': cm.metadata.name ?? '', 'metadata.namespace': cm.metadata.namespace ?? '' }),
    fieldLabel: defaultFieldLabel,
  };
}
