// Generic REST semantics of one served resource (apiserver handlers + generic registry): routing, create, get,
// list with selectors and paging, update/patch with optimistic concurrency, delete, deletecollection, watch.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DecodeError, decodeObject } from './decode.js';
import { invalid as invalidField, required as requiredField, type FieldError } from './field-errors.js';
import { parseFieldSelector, type FieldSelector } from './field-selector.js';
import { goValueV } from './go-format.js';
import { formatTime } from './go-time.js';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch.js';
import { goJsonSyntaxError } from './json-syntax.js';
import { cloneJson, goMarshalSorted, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.js';
import { parseLabelSelector, type LabelSelector } from './label-selector.js';
import { managerName, updateManagedFields, type ManagedShape, type ManagerWrite } from './managed-fields.js';
import { applyMergePatch } from './merge-patch.js';
import { pathSegmentName } from './name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import type { RequestInfo } from './request-info.js';
import { isWatchParam } from './request-info.js';
import { withTypeMeta, type ResourceInfo, type ResourceView } from './resource-view.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  conflictModified,
  genericServerResponse,
  invalid,
  notFound,
  pathNotFound,
  successStatus,
  unsupportedMediaType,
} from './status.js';
import type { RevisionCounter, StoredObject } from './store.js';
import { applyStrategicMergePatch, StrategicPatchError } from './strategic-merge-patch.js';
import { checkTypeMeta, unrecognizedObject } from './type-meta.js';
import { WatchStream, type LineCache, type WatchParams } from './watch.js';

/** A parsed HTTP request as the handlers see it. */
export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly info: RequestInfo;
  /** Content-Type header, if any. */
  readonly contentType: string | undefined;
  readonly bodyText: string;
  /** User-Agent header: the field manager's default manager name. */
  readonly userAgent?: string;
}

/** A JSON answer. */
export interface JsonResponse {
  readonly kind: 'json';
  readonly status: number;
  readonly body: JsonObject;
  /** Warning header values (`299 - "..."`). */
  readonly warnings?: readonly string[];
}

/** A watch to stream on the response. */
export interface WatchResponse {
  readonly kind: 'watch';
  /** Writes the stream to `res`; returns a handle to close it. */
  open(res: ServerResponse, onClose: () => void): { close(): void };
}

export type HandlerResult = JsonResponse | WatchResponse;

/** What a resource handler needs from the server. */
export interface HandlerDeps<T extends StoredObject> {
  readonly now: () => Date;
  readonly revisions: RevisionCounter;
  readonly bookmarkIntervalMs: number;
  /** Admission for creates in a namespace (NamespaceLifecycle); throws a StatusError. */
  readonly admitCreate: (view: ResourceInfo & { readonly gr: { group: string; resource: string } }, namespace: string, name: string) => void;
  /** Replaces the generic DELETE (namespaces). */
  readonly deleteObject?: (existing: T, preconditions: Preconditions) => JsonResponse;
  /** Every version the kind is served in, for managedFields entries written through another one (events). */
  readonly managedShapes?: readonly ManagedShape<T>[];
  /** Handles a subresource request (namespaces/finalize); undefined means 404. */
  readonly subresource?: (req: ApiRequest, existing: T, subresource: string) => JsonResponse | undefined;
}

/** DeleteOptions.preconditions. */
export interface Preconditions {
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** A served resource, type-erased for the router. */
export interface ResourceHandler {
  readonly info: ResourceInfo;
  handle(req: ApiRequest): HandlerResult;
  /** Rendered objects (with kind/apiVersion) of a namespace or all namespaces. */
  snapshot(namespace?: string): JsonObject[];
}

const JSON_MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
/** The patch types of a built-in resource, in the installer's order (CBOR apply is off by default in v1.32). */
const APPLY_PATCH = 'application/apply-patch+yaml';
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', APPLY_PATCH];
const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function json(status: number, body: JsonObject, warnings?: readonly string[]): JsonResponse {
  return warnings && warnings.length > 0 ? { kind: 'json', status, body, warnings } : { kind: 'json', status, body };
}

function randomSuffix(): string {
  const bytes = randomBytes(5);
  let s = '';
  for (const b of bytes) s += GENERATE_CHARS[b % GENERATE_CHARS.length];
  return s;
}

function unknownFieldWarnings(paths: readonly string[]): string[] {
  return paths.map((p) => `299 - ${JSON.stringify(`unknown field "${p}"`)}`);
}

export function createResourceHandler<T extends StoredObject>(view: ResourceView<T>, deps: HandlerDeps<T>): ResourceHandler {
  const store = view.store;
  const lineCache: LineCache = new WeakMap();
  const openWatches = new Set<WatchStream<T>>();

  const copy = (obj: T): T => cloneJson(obj as unknown as JsonValue) as unknown as T;
  const rendered = (obj: T): JsonObject => withTypeMeta(view, obj);
  const keyOf = (obj: T): string => (view.namespaced ? `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? ''));

  /** Decodes a POST/PUT body into the stored shape (400/415 on failure, worded as transformDecodeError does). */
  function decodeBody(req: ApiRequest): { obj: T; warnings: string[] } {
    const mt = req.contentType === undefined || req.contentType === '' ? 'application/json' : mediaType(req.contentType);
    if (mt !== 'application/json' && mt !== 'application/yaml') throw unsupportedMediaType(JSON_MEDIA);
    let body: JsonValue;
    try {
      body = JSON.parse(req.bodyText) as JsonValue;
    } catch {
      throw unrecognizedObject(view.kind, `couldn't get version/kind; json parse error: ${goJsonError(req.bodyText)}`, req.bodyText);
    }
    if (!isJsonObject(body)) {
      const kind = Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body === 'number' ? 'number' : typeof body === 'boolean' ? 'bool' : 'string';
      throw unrecognizedObject(
        view.kind,
        `couldn't get version/kind; json parse error: json: cannot unmarshal ${kind} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
        req.bodyText,
      );
    }
    const wrongType = checkTypeMeta(body, { group: view.group, version: view.version, kind: view.kind, convertibleFrom: view.convertibleFrom ?? [] }, req.bodyText);
    if (wrongType) throw wrongType;
    try {
      const decoded = decodeObject(body, view.schema);
      return { obj: view.decode(decoded.object), warnings: unknownFieldWarnings(decoded.unknownFields) };
    } catch (e) {
      if (e instanceof DecodeError) throw badRequest(`${view.kind} in version "${view.version}" cannot be handled as a ${view.kind}: ${e.message}`);
      throw e;
    }
  }

  /** rest.EnsureObjectNamespaceMatchesRequestNamespace. */
  function ensureNamespace(obj: T, namespace: string): void {
    const objNs = obj.metadata.namespace ?? '';
    if (objNs === namespace) return;
    if (objNs === '') obj.metadata.namespace = namespace;
    else if (namespace === '') delete obj.metadata.namespace;
    else throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }

  function checkName(obj: T, name: string): void {
    const objName = obj.metadata.name ?? '';
    if (objName !== name) throw badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  }

  function fail(errs: FieldError[], name: string): void {
    if (errs.length > 0) throw invalid(view.internalGroup, view.kind, name, errs);
  }

  const shapes: readonly ManagedShape<T>[] = deps.managedShapes ?? [{ apiVersion: view.apiVersion, schema: view.fieldSchema, render: (o: T) => view.render(o), resetFields: view.resetFields ?? [] }];

  /** Who is writing, for managedFields: the fieldManager parameter or the User-Agent's product name. */
  function writer(req: ApiRequest, operation: 'Update' | 'Apply' = 'Update'): ManagerWrite {
    return { manager: managerName(req.url.searchParams.get('fieldManager'), req.userAgent), operation, time: formatTime(deps.now()) };
  }

  /** The field manager's bookkeeping for one write (before the strategy's PrepareFor*, as in the handlers). */
  function manage(obj: T, existing: T | undefined, write: ManagerWrite, applied?: JsonObject): void {
    const entries = updateManagedFields(existing?.metadata.managedFields ?? [], existing, obj, view.empty(''), shapes, view.apiVersion, write, applied);
    if (entries) obj.metadata.managedFields = entries;
    else delete obj.metadata.managedFields;
  }

  function createObject(obj: T, warnings: string[], write: ManagerWrite, applied?: JsonObject): JsonResponse {
    manage(obj, undefined, write, applied);
    const meta = obj.metadata;
    if (view.namespaced) deps.admitCreate(view, meta.namespace ?? '', meta.name ?? '');
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const name = meta.name ?? '';
    meta.uid = randomUUID();
    meta.creationTimestamp = formatTime(deps.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    view.prepareForCreate(obj);
    fail(view.validateCreate(obj), name);
    fail(validateObjectMeta(meta, view.namespaced, pathSegmentName), name);
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    if (store.get(meta.namespace ?? '', name)) throw alreadyExists(view.gr, name);
    return json(201, rendered(store.create(obj)), warnings);
  }

  /** BeforeUpdate + validation + the storage write shared by PUT and PATCH. */
  function updateObject(obj: T, existing: T, warnings: string[], write: ManagerWrite, applied?: JsonObject): JsonResponse {
    manage(obj, existing, write, applied);
    const meta = obj.metadata;
    const old = existing.metadata;
    const name = old.name ?? '';
    meta.resourceVersion = old.resourceVersion ?? '';
    if (old.generation !== undefined) meta.generation = old.generation;
    else delete meta.generation;
    if (!meta.uid && old.uid) meta.uid = old.uid;
    if (old.creationTimestamp) meta.creationTimestamp = old.creationTimestamp;
    if (old.deletionTimestamp) {
      meta.deletionTimestamp = old.deletionTimestamp;
      if (old.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    view.prepareForUpdate(obj, existing);
    fail(
      [...validateObjectMeta(meta, view.namespaced, pathSegmentName), ...validateObjectMetaUpdate(meta, old), ...view.validateUpdate(obj, existing)],
      name,
    );
    // etcd does not write (nor bump the revision) when the bytes do not change.
    if (jsonEqual(view.render(obj), view.render(existing))) return json(200, rendered(existing), warnings);
    if (old.deletionTimestamp && (meta.finalizers ?? []).length === 0) {
      const gone = store.delete(obj);
      return json(200, rendered(gone ?? obj), warnings);
    }
    return json(200, rendered(store.update(obj, existing)), warnings);
  }

  function get(namespace: string, name: string): JsonResponse {
    const obj = store.get(namespace, name);
    if (!obj) throw notFound(view.gr, name);
    return json(200, rendered(obj));
  }

  function selectors(req: ApiRequest): { label: LabelSelector; field: FieldSelector } {
    const q = req.url.searchParams;
    try {
      const label = parseLabelSelector(q.get('labelSelector') ?? '');
      const field = parseFieldSelector(q.get('fieldSelector') ?? '', (l) => view.fieldLabel(l));
      return { label, field };
    } catch (e) {
      throw badRequest(e instanceof Error ? e.message : String(e));
    }
  }

  function matching(namespace: string | undefined, label: LabelSelector, field: FieldSelector): T[] {
    const all = store.list(namespace);
    if (label.requirements.length === 0 && field.terms.length === 0) return all;
    return all.filter((o) => label.matches(o.metadata.labels) && field.matches(view.selectableFields(o)));
  }

  function list(req: ApiRequest, namespace: string | undefined): JsonResponse {
    const { label, field } = selectors(req);
    const q = req.url.searchParams;
    let items = matching(namespace, label, field);
    let listRv = String(deps.revisions.current);
    const cont = q.get('continue');
    if (cont) {
      let token: unknown;
      try {
        token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8'));
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
      }
      if (!isJsonObject(token) || typeof (token)['start'] !== 'string') throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
      const t = token;
      const start = t['start'] as string;
      if (typeof t['rv'] === 'number') listRv = String(t['rv']);
      items = items.filter((o) => keyOf(o) >= start);
    }
    const limitParam = Number(q.get('limit') ?? '0');
    const metadata: JsonObject = { resourceVersion: listRv };
    if (Number.isInteger(limitParam) && limitParam > 0 && items.length > limitParam) {
      const last = items[limitParam - 1] as T;
      const remaining = items.length - limitParam;
      items = items.slice(0, limitParam);
      metadata['continue'] = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(listRv), start: `${keyOf(last)}\u0000` })).toString('base64url');
      if (label.requirements.length === 0 && field.terms.length === 0) metadata['remainingItemCount'] = remaining;
    }
    return json(200, { kind: `${view.kind}List`, apiVersion: view.apiVersion, metadata, items: items.map((o) => view.render(o)) });
  }

  function watch(req: ApiRequest, namespace: string | undefined): WatchResponse {
    const { label, field } = selectors(req);
    const q = req.url.searchParams;
    const timeout = q.get('timeoutSeconds');
    const sendInitial = q.get('sendInitialEvents');
    const params: WatchParams = {
      namespace,
      labelSelector: label,
      fieldSelector: field,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      allowBookmarks: isWatchParam(q.get('allowWatchBookmarks')),
      bookmarkIntervalMs: deps.bookmarkIntervalMs,
      timeoutSeconds: timeout !== null && /^\d+$/.test(timeout) && Number(timeout) > 0 ? Number(timeout) : undefined,
      sendInitialEvents: sendInitial === null ? undefined : isWatchParam(sendInitial),
    };
    return {
      kind: 'watch',
      open: (res, onClose) => {
        const stream = new WatchStream(view, params, res, deps.revisions, lineCache, (s) => {
          openWatches.delete(s);
          onClose();
        });
        openWatches.add(stream);
        stream.start();
        return stream;
      },
    };
  }

  function create(req: ApiRequest, namespace: string): JsonResponse {
    const { obj, warnings } = decodeBody(req);
    ensureNamespace(obj, namespace);
    return createObject(obj, warnings, writer(req));
  }

  function update(req: ApiRequest, namespace: string, name: string): JsonResponse {
    const { obj, warnings } = decodeBody(req);
    checkName(obj, name);
    ensureNamespace(obj, namespace);
    const existing = store.get(namespace, name);
    if (!existing) {
      if (!view.allowCreateOnUpdate) throw notFound(view.gr, name);
      delete obj.metadata.resourceVersion;
      return createObject(obj, warnings, writer(req));
    }
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) throw conflictModified(view.gr, name);
    return updateObject(obj, existing, warnings, writer(req));
  }

  /**
   * Server-side apply, simplified: the configuration (JSON, which is YAML too) creates the object or is
   * merged into it like a merge patch, and the manager's Apply entry owns exactly the fields it sent.
   * Not modelled: conflicts with other managers (every apply behaves as force=true) and removal of
   * fields a manager stops applying.
   */
  function apply(req: ApiRequest, namespace: string, name: string): JsonResponse {
    const fieldManager = req.url.searchParams.get('fieldManager');
    if (!fieldManager) throw invalid('meta.k8s.io', 'PatchOptions', '', [requiredField('fieldManager', 'is required for apply patch')]);
    let body: JsonValue;
    try {
      body = JSON.parse(req.bodyText) as JsonValue;
    } catch {
      throw badRequest(`error decoding YAML: ${goJsonError(req.bodyText)}`);
    }
    if (!isJsonObject(body)) throw badRequest(`error decoding YAML: json: cannot unmarshal ${jsonKindName(body)} into Go value of type map[string]interface {}`);
    const wrongType = checkTypeMeta(body, { group: view.group, version: view.version, kind: view.kind, convertibleFrom: [] }, req.bodyText);
    if (wrongType) throw wrongType;
    const existing = store.get(namespace, name);
    const merged = existing ? applyMergePatch(rendered(existing), body) : body;
    let decoded;
    try {
      decoded = decodeObject(merged, view.schema);
    } catch (e) {
      if (e instanceof DecodeError) throw badRequest(`${view.kind} in version "${view.version}" cannot be handled as a ${view.kind}: ${e.message}`);
      throw e;
    }
    const applied = decodeObject(body, view.schema).object;
    const obj = view.decode(decoded.object);
    const warnings = unknownFieldWarnings(decoded.unknownFields);
    ensureNamespace(obj, namespace);
    checkName(obj, name);
    const write = { ...writer(req, 'Apply'), manager: fieldManager };
    if (!existing) return createObject(obj, warnings, write, applied);
    return updateObject(obj, existing, warnings, write, applied);
  }

  function patch(req: ApiRequest, namespace: string, name: string): JsonResponse {
    const type = mediaType(req.contentType);
    if (!PATCH_TYPES.includes(type)) throw unsupportedMediaType(PATCH_TYPES);
    if (type === APPLY_PATCH) return apply(req, namespace, name);
    const existing = store.get(namespace, name);
    if (!existing) throw notFound(view.gr, name);
    const current = rendered(existing);
    let body: JsonValue;
    try {
      body = JSON.parse(req.bodyText) as JsonValue;
    } catch {
      const msg = goJsonError(req.bodyText);
      throw badRequest(type === 'application/strategic-merge-patch+json' ? msg : `error decoding patch: ${msg}`);
    }
    let patched: JsonValue;
    let echo: string;
    if (type === 'application/json-patch+json') {
      if (!Array.isArray(body)) throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindName(body)} into Go value of type []handlers.jsonPatchOp`);
      try {
        patched = applyJsonPatch(current, decodeJsonPatch(body));
      } catch (e) {
        if (e instanceof JsonPatchError) throw e.malformed ? badRequest(e.message) : genericServerResponse(422, e.message);
        throw e;
      }
      echo = goMarshalSorted(patched);
    } else if (type === 'application/merge-patch+json') {
      if (!isJsonObject(body)) throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindName(body)} into Go value of type map[string]interface {}`);
      patched = applyMergePatch(current, body);
      echo = goMarshalSorted(patched);
    } else {
      if (!isJsonObject(body)) throw badRequest(`json: cannot unmarshal ${jsonKindName(body)} into Go value of type map[string]interface {}`);
      try {
        patched = applyStrategicMergePatch(current, body, view.listStrategies);
      } catch (e) {
        if (e instanceof StrategicPatchError) throw badRequest(e.message);
        throw e;
      }
      echo = goValueV(body);
    }
    let obj: T;
    let warnings: string[];
    try {
      const decoded = decodeObject(patched, view.schema);
      obj = view.decode(decoded.object);
      warnings = unknownFieldWarnings(decoded.unknownFields);
    } catch (e) {
      if (e instanceof DecodeError) throw invalid('', '', '', [invalidField('patch', echo, e.message)]);
      throw e;
    }
    ensureNamespace(obj, namespace);
    checkName(obj, name);
    if ((obj.metadata.resourceVersion ?? '') !== '' && obj.metadata.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflictModified(view.gr, name);
    }
    return updateObject(obj, existing, warnings, writer(req));
  }

  function readPreconditions(req: ApiRequest): Preconditions {
    if (req.bodyText.trim() === '') return {};
    let body: JsonValue;
    try {
      body = JSON.parse(req.bodyText) as JsonValue;
    } catch {
      throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(req.bodyText)}`);
    }
    const pre = isJsonObject(body) ? body['preconditions'] : undefined;
    if (!isJsonObject(pre ?? null)) return {};
    const p = pre as JsonObject;
    return {
      ...(typeof p['uid'] === 'string' ? { uid: p['uid'] } : {}),
      ...(typeof p['resourceVersion'] === 'string' ? { resourceVersion: p['resourceVersion'] } : {}),
    };
  }

  function checkPreconditions(existing: T, pre: Preconditions): void {
    const name = existing.metadata.name ?? '';
    if (pre.uid !== undefined && pre.uid !== existing.metadata.uid) {
      throw conflict(view.gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid ?? ''}`);
    }
    if (pre.resourceVersion !== undefined && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(view.gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion ?? ''}`);
    }
  }

  /** Deletes one object: marks it when it has finalizers, removes it otherwise. Returns what the response carries. */
  function deleteOne(existing: T): { obj: T; removed: boolean } {
    if ((existing.metadata.finalizers ?? []).length > 0) {
      if (existing.metadata.deletionTimestamp) return { obj: existing, removed: false };
      const marked = copy(existing);
      marked.metadata.deletionTimestamp = formatTime(deps.now());
      marked.metadata.deletionGracePeriodSeconds = 0;
      return { obj: store.update(marked, existing), removed: false };
    }
    return { obj: store.delete(existing) ?? existing, removed: true };
  }

  function remove(req: ApiRequest, namespace: string, name: string): JsonResponse {
    const pre = readPreconditions(req);
    const existing = store.get(namespace, name);
    if (!existing) throw notFound(view.gr, name);
    if (deps.deleteObject) return deps.deleteObject(existing, pre);
    checkPreconditions(existing, pre);
    const { obj, removed } = deleteOne(existing);
    if (!removed || view.returnDeletedObject) return json(200, rendered(obj));
    return json(200, successStatus(view.gr, name, existing.metadata.uid ?? ''));
  }

  function deleteCollection(req: ApiRequest, namespace: string): JsonResponse {
    const { label, field } = selectors(req);
    const items = matching(namespace, label, field).map((o) => view.render(deleteOne(o).obj));
    return json(200, { kind: `${view.kind}List`, apiVersion: view.apiVersion, metadata: { resourceVersion: String(deps.revisions.current) }, items });
  }

  function handle(req: ApiRequest): HandlerResult {
    const { info, method } = req;
    // parts: resource[/name[/subresource]] relative to the (optional) namespace.
    const parts = info.parts;
    const isWatch = info.verb === 'watch';
    if (view.namespaced) {
      const ns = info.namespace;
      if (ns === '') {
        if (parts.length !== 1) throw pathNotFound();
        if (method === 'GET') return isWatch ? watch(req, undefined) : list(req, undefined);
        throw genericServerResponse(405, '');
      }
      if (parts.length === 1) {
        if (method === 'GET') return isWatch ? watch(req, ns) : list(req, ns);
        if (method === 'POST') return create(req, ns);
        if (method === 'DELETE') return deleteCollection(req, ns);
        throw genericServerResponse(405, '');
      }
      if (parts.length === 2) {
        const name = parts[1] ?? '';
        if (method === 'GET') return isWatch ? watch({ ...req, url: withNameSelector(req.url, name) }, ns) : get(ns, name);
        if (method === 'PUT') return update(req, ns, name);
        if (method === 'PATCH') return patch(req, ns, name);
        if (method === 'DELETE') return remove(req, ns, name);
        throw genericServerResponse(405, '');
      }
      throw pathNotFound();
    }
    if (parts.length === 1) {
      if (method === 'GET') return isWatch ? watch(req, undefined) : list(req, undefined);
      if (method === 'POST') return create(req, '');
      throw genericServerResponse(405, '');
    }
    const name = parts[1] ?? '';
    if (parts.length === 2) {
      if (method === 'GET') return isWatch ? watch({ ...req, url: withNameSelector(req.url, name) }, undefined) : get('', name);
      if (method === 'PUT') return update(req, '', name);
      if (method === 'PATCH') return patch(req, '', name);
      if (method === 'DELETE') return remove(req, '', name);
      throw genericServerResponse(405, '');
    }
    if (parts.length === 3 && deps.subresource) {
      const existing = store.get('', name);
      if (!existing) throw notFound(view.gr, name);
      const res = deps.subresource(req, existing, parts[2] ?? '');
      if (res) return res;
    }
    throw pathNotFound();
  }

  return {
    info: view,
    handle,
    snapshot: (namespace) => store.list(namespace).map(rendered),
  };
}

/** A watch on `/<resource>/<name>` is a watch with fieldSelector=metadata.name=<name>. */
function withNameSelector(url: URL, name: string): URL {
  const u = new URL(url.href);
  const fs = u.searchParams.get('fieldSelector');
  u.searchParams.set('fieldSelector', fs ? `${fs},metadata.name=${name}` : `metadata.name=${name}`);
  return u;
}

function jsonKindName(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function goJsonError(text: string): string {
  return goJsonSyntaxError(text) ?? 'unexpected end of JSON input';
}

