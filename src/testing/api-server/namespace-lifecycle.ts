// Namespace lifecycle: NamespaceLifecycle admission (404 missing, 403 NamespaceTerminating, immortal namespaces),
// DELETE turning a namespace Terminating, and finalization as the namespace controller would do it.
import { decodeObject, DecodeError } from './decode.js';
import { formatTime } from './go-time.js';
import { isJsonObject, type JsonValue } from './json.js';
import type { Namespace } from './namespace-view.js';
import type { ApiRequest, JsonResponse, Preconditions } from './rest-handler.js';
import { withTypeMeta, type ResourceView } from './resource-view.js';
import { badRequest, conflict, forbidden, notFound, type GroupResource } from './status.js';

const NAMESPACES: GroupResource = { group: '', resource: 'namespaces' };
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

/**
 * When a deleted namespace goes away: never on its own (`manual`, no controller-manager) or at once.
 *
 * @category Testing
 */
export type NamespaceFinalization = 'manual' | 'immediate';

export class NamespaceLifecycle {
  constructor(
    private readonly view: ResourceView<Namespace>,
    /** One purge function per namespaced store: deletes everything in a namespace (with watch events). */
    private readonly purgers: readonly ((namespace: string) => void)[],
    private readonly now: () => Date,
    private readonly mode: NamespaceFinalization,
  ) {}

  /** NamespaceLifecycle admission for a create in `namespace`. */
  admitCreate(gr: GroupResource, namespace: string, name: string): void {
    const ns = this.view.store.get('', namespace);
    if (!ns) throw notFound(NAMESPACES, namespace);
    if (ns.status.phase === 'Terminating') {
      throw forbidden(gr, name, `unable to create new content in namespace ${namespace} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
  }

  /** DELETE of a namespace: first Terminating, later (once its finalizers are gone) removed. */
  delete(existing: Namespace, pre: Preconditions): JsonResponse {
    const name = existing.metadata.name ?? '';
    if (IMMORTAL.has(name)) throw forbidden(NAMESPACES, name, 'this namespace may not be deleted');
    if (pre.uid !== undefined && pre.uid !== existing.metadata.uid) {
      throw conflict(NAMESPACES, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid ?? ''}`);
    }
    if (!existing.metadata.deletionTimestamp) {
      const terminating: Namespace = {
        metadata: { ...existing.metadata, deletionTimestamp: formatTime(this.now()) },
        spec: { ...existing.spec },
        status: { ...existing.status, phase: 'Terminating' },
      };
      const stored = this.view.store.update(terminating, existing);
      const body = withTypeMeta(this.view, stored);
      if (this.mode === 'immediate') this.finalize(name);
      return { kind: 'json', status: 200, body };
    }
    if ((existing.spec.finalizers ?? []).length > 0) {
      throw conflict(
        NAMESPACES,
        name,
        'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      );
    }
    const gone = this.#remove(existing);
    return { kind: 'json', status: 200, body: withTypeMeta(this.view, gone) };
  }

  /** Removes a Terminating namespace and everything in it. Returns false when it does not exist. */
  finalize(name: string): boolean {
    const ns = this.view.store.get('', name);
    if (!ns) return false;
    if (ns.status.phase !== 'Terminating') throw new Error(`namespace "${name}" is not terminating; delete it first`);
    this.#remove(ns);
    return true;
  }

  /** PUT namespaces/{name}/finalize: replaces spec.finalizers; an emptied terminating namespace goes away. */
  finalizeSubresource(req: ApiRequest, existing: Namespace, subresource: string): JsonResponse | undefined {
    if (subresource === 'status' && req.method === 'GET') return { kind: 'json', status: 200, body: withTypeMeta(this.view, existing) };
    if (subresource !== 'finalize' || req.method !== 'PUT') return undefined;
    let body: JsonValue;
    try {
      body = JSON.parse(req.bodyText) as JsonValue;
    } catch {
      throw badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
    }
    if (!isJsonObject(body)) throw badRequest('the body must be a Namespace');
    let finalizers: string[];
    try {
      finalizers = this.view.decode(decodeObject(body, this.view.schema).object).spec.finalizers ?? [];
    } catch (e) {
      if (e instanceof DecodeError) throw badRequest(`Namespace in version "v1" cannot be handled as a Namespace: ${e.message}`);
      throw e;
    }
    const updated: Namespace = { metadata: { ...existing.metadata }, spec: finalizers.length > 0 ? { finalizers } : {}, status: { ...existing.status } };
    const stored = this.view.store.update(updated, existing);
    const response = withTypeMeta(this.view, stored);
    if (stored.metadata.deletionTimestamp && finalizers.length === 0 && (stored.metadata.finalizers ?? []).length === 0) this.#remove(stored);
    return { kind: 'json', status: 200, body: response };
  }

  #remove(ns: Namespace): Namespace {
    const name = ns.metadata.name ?? '';
    for (const purge of this.purgers) purge(name);
    return this.view.store.delete(ns) ?? ns;
  }
}
