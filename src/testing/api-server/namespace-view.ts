// core/v1 Namespaces: Active/Terminating phases, the `kubernetes` finalizer, the
// kubernetes.io/metadata.name label, and the namespace strategy's create/update rules.
import { S, type StructSchema } from './decode.js';
import { invalid, type FieldError } from './field-errors.js';
import { isJsonObject, type JsonObject } from './json.js';
import { isQualifiedName, nameIsDNSLabel } from './name-validation.js';
import { metaFrom, objectMetaFieldSchema, objectMetaSchema, renderMeta, validateObjectMeta, validateObjectMetaUpdate, type ObjectMeta } from './object-meta.js';
import { metadataListStrategies, type ResourceView } from './resource-view.js';
import type { ObjectStore } from './store.js';

/** A stored Namespace. */
export interface Namespace {
  metadata: ObjectMeta;
  spec: { finalizers?: string[] };
  status: { phase?: string };
}

/** The label the API server puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

const schema: StructSchema = {
  t: 'struct',
  go: 'v1.Namespace',
  fields: {
    kind: S.string,
    apiVersion: S.string,
    metadata: objectMetaSchema,
    spec: { t: 'struct', go: 'v1.NamespaceSpec', fields: { finalizers: S.stringList } },
    status: {
      t: 'struct',
      go: 'v1.NamespaceStatus',
      fields: { phase: S.string, conditions: { t: 'structList', struct: { t: 'struct', go: 'v1.NamespaceCondition', fields: {} } } },
    },
  },
};

function decode(d: JsonObject): Namespace {
  const spec = isJsonObject(d['spec']) ? d['spec'] : {};
  const status = isJsonObject(d['status']) ? d['status'] : {};
  const ns: Namespace = { metadata: metaFrom(d), spec: {}, status: {} };
  if (Array.isArray(spec['finalizers'])) ns.spec.finalizers = spec['finalizers'] as string[];
  if (typeof status['phase'] === 'string') ns.status.phase = status['phase'];
  // SetDefaults_Namespace: the name label is (re)applied on every decode.
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name };
  return ns;
}

function render(ns: Namespace): JsonObject {
  const spec: JsonObject = {};
  if (ns.spec.finalizers) spec['finalizers'] = [...ns.spec.finalizers];
  const status: JsonObject = {};
  if (ns.status.phase) status['phase'] = ns.status.phase;
  return { metadata: renderMeta(ns.metadata), spec, status };
}

function validateFinalizers(ns: Namespace): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ns.spec.finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(invalid('spec.finalizers', f, msg));
    if (!f.includes('/') && f !== 'kubernetes') errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function namespacesView(store: ObjectStore<Namespace>): ResourceView<Namespace> {
  return {
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    resource: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    storageVersionHash: 'Q3oi5N2YM8M=',
    namespaced: false,
    gr: { group: '', resource: 'namespaces' },
    internalGroup: '',
    store,
    schema,
    allowCreateOnUpdate: false,
    returnDeletedObject: true,
    listStrategies: (path) => metadataListStrategies(path),
    fieldSchema: { t: 'struct', fields: { metadata: objectMetaFieldSchema, spec: { t: 'struct', fields: { finalizers: { t: 'set' } } } } },
    // namespaceStrategy.GetResetFields: status is the status subresource's.
    resetFields: ['status'],
    decode,
    render,
    empty: (resourceVersion) => ({ metadata: { resourceVersion }, spec: {}, status: {} }),
    prepareForCreate: (ns) => {
      ns.status = { phase: 'Active' };
      const finalizers = ns.spec.finalizers ?? [];
      if (!finalizers.includes('kubernetes')) ns.spec.finalizers = [...finalizers, 'kubernetes'];
    },
    prepareForUpdate: (ns, old) => {
      // Spec finalizers change through /finalize only, status through /status only.
      ns.spec = old.spec;
      ns.status = old.status;
    },
    validateCreate: (ns) => [...validateObjectMeta(ns.metadata, false, nameIsDNSLabel), ...validateFinalizers(ns)],
    validateUpdate: (ns, old) => [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateFinalizers(ns)],
    selectableFields: (ns) => ({ 'metadata.name': ns.metadata.name ?? '', 'status.phase': ns.status.phase ?? '' }),
    fieldLabel: (label) => {
      if (label === 'metadata.name' || label === 'status.phase') return label;
      throw new Error(`field label not supported: ${label}`);
    },
  };
}
