// Storage: one ObjectStore per resource indexed by namespace/name, revisions from a server-wide counter (etcd's),
// a bounded change log for watch resumption, and synchronous fan-out of each change to open watches.
import type { ObjectMeta } from './object-meta.js';

/** Anything storable: it has metadata with a namespace (empty for cluster-scoped) and a name. */
export interface StoredObject {
  metadata: ObjectMeta;
}

/** The kind of a watch event produced by a write. */
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One write, as retained in the change log and fanned out to watches. */
export interface Change<T extends StoredObject> {
  readonly type: ChangeType;
  /** The object after the write; for DELETED, the deleted object stamped with the deletion's revision. */
  readonly object: T;
  /** The object before the write (MODIFIED, DELETED). */
  readonly previous: T | undefined;
  readonly rv: number;
}

/** The server-wide revision counter. */
export class RevisionCounter {
  #value = 0;

  get current(): number {
    return this.#value;
  }

  next(): number {
    this.#value += 1;
    return this.#value;
  }
}

/** A change log query that reached past what the log still holds. */
export interface TooOld {
  readonly expired: true;
  /** The newest revision that is no longer retained. */
  readonly compacted: number;
}

export class ObjectStore<T extends StoredObject> {
  readonly #byNamespace = new Map<string, Map<string, T>>();
  #log: Change<T>[] = [];
  #compacted = 0;
  #size = 0;
  readonly #listeners = new Set<(change: Change<T>) => void>();

  constructor(
    private readonly revisions: RevisionCounter,
    /** How many changes are kept for watches that resume from a resourceVersion. */
    private readonly windowSize: number,
  ) {}

  get size(): number {
    return this.#size;
  }

  get(namespace: string, name: string): T | undefined {
    return this.#byNamespace.get(namespace)?.get(name);
  }

  /** Objects of one namespace (or all, when namespace is undefined), in etcd key order. */
  list(namespace?: string): T[] {
    const out: T[] = [];
    if (namespace !== undefined) {
      const m = this.#byNamespace.get(namespace);
      if (m) out.push(...m.values());
      return out.sort((a, b) => compareKeys(a.metadata.name ?? '', b.metadata.name ?? ''));
    }
    const keyed: [string, T][] = [];
    for (const [ns, m] of this.#byNamespace) for (const [name, obj] of m) keyed.push([ns === '' ? name : `${ns}/${name}`, obj]);
    keyed.sort((a, b) => compareKeys(a[0], b[0]));
    return keyed.map(([, o]) => o);
  }

  /** Stores a new object, stamping its resourceVersion. The caller hands over ownership of `obj`. */
  create(obj: T): T {
    const rv = this.revisions.next();
    obj.metadata.resourceVersion = String(rv);
    const ns = obj.metadata.namespace ?? '';
    let m = this.#byNamespace.get(ns);
    if (!m) {
      m = new Map();
      this.#byNamespace.set(ns, m);
    }
    m.set(obj.metadata.name ?? '', obj);
    this.#size++;
    this.#record({ type: 'ADDED', object: obj, previous: undefined, rv });
    return obj;
  }

  /** Replaces an existing object with `obj` (a new object: stored objects are never mutated). */
  update(obj: T, previous: T): T {
    const rv = this.revisions.next();
    obj.metadata.resourceVersion = String(rv);
    this.#byNamespace.get(obj.metadata.namespace ?? '')?.set(obj.metadata.name ?? '', obj);
    this.#record({ type: 'MODIFIED', object: obj, previous, rv });
    return obj;
  }

  /**
   * Removes the stored object with `obj`'s namespace and name. Returns `obj` as the DELETED watch event
   * carries it (stamped with the deletion's revision), or undefined when nothing was stored there.
   */
  delete(obj: T): T | undefined {
    const ns = obj.metadata.namespace ?? '';
    const m = this.#byNamespace.get(ns);
    const name = obj.metadata.name ?? '';
    const previous = m?.get(name);
    if (!m || previous === undefined) return undefined;
    m.delete(name);
    if (m.size === 0) this.#byNamespace.delete(ns);
    this.#size--;
    const rv = this.revisions.next();
    const tombstone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    this.#record({ type: 'DELETED', object: tombstone, previous, rv });
    return tombstone;
  }

  /** Changes with a revision greater than `rv`, or TooOld when some of them are no longer retained. */
  changesSince(rv: number): Change<T>[] | TooOld {
    if (rv < this.#compacted) return { expired: true, compacted: this.#compacted };
    let lo = 0;
    let hi = this.#log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#log[mid] as Change<T>).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.#log.slice(lo);
  }

  /** Registers a listener for every future change; returns the unsubscribe function. */
  subscribe(listener: (change: Change<T>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #record(change: Change<T>): void {
    this.#log.push(change);
    if (this.#log.length > this.windowSize * 2) {
      // Amortised trimming: drop the oldest half at once instead of shifting on every write.
      const drop = this.#log.length - this.windowSize;
      this.#compacted = (this.#log[drop - 1] as Change<T>).rv;
      this.#log = this.#log.slice(drop);
    }
    for (const l of this.#listeners) l(change);
  }
}

/** etcd orders keys bytewise; for the ASCII names Kubernetes allows this is plain code-unit order. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
