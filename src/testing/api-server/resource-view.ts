// What the generic REST handlers need to know about one served resource: a group/version's view of a
// stored kind (how to decode, render, default, validate and select it). Two views can share one store.
import type { StructSchema } from './decode.js';
import type { FieldError } from './field-errors.js';
import type { FieldSchema } from './managed-fields.js';
import type { JsonObject } from './json.js';
import type { GroupResource } from './status.js';
import type { ObjectStore, StoredObject } from './store.js';
import type { ListStrategies } from './strategic-merge-patch.js';

/** The discovery-level description of a served resource. */
export interface ResourceInfo {
  /** API group of this endpoint (`''` for core). */
  readonly group: string;
  readonly version: string;
  /** `v1` or `events.k8s.io/v1`. */
  readonly apiVersion: string;
  /** Plural resource name (`events`). */
  readonly resource: string;
  readonly singularName: string;
  readonly kind: string;
  readonly shortNames: readonly string[];
  readonly verbs: readonly string[];
  readonly storageVersionHash: string;
  readonly namespaced: boolean;
}

export interface ResourceView<T extends StoredObject> extends ResourceInfo {
  /** The resource as error messages name it (`events.events.k8s.io` for the events group). */
  readonly gr: GroupResource;
  /** Group and kind of the internal type, which is what Invalid errors name (`Event`, no group). */
  readonly internalGroup: string;
  readonly store: ObjectStore<T>;
  readonly schema: StructSchema;
  /** PUT of a missing object creates it (events) instead of answering 404. */
  readonly allowCreateOnUpdate: boolean;
  /** Other `group/version/Kind`s (`v1/Event`) that convert to this resource's internal type; default none. */
  readonly convertibleFrom?: readonly string[];
  /** DELETE answers with the object (namespaces) rather than a Success Status. */
  readonly returnDeletedObject: boolean;
  readonly listStrategies: ListStrategies;
  /** How the field manager owns this kind's fields (managedFields). */
  readonly fieldSchema: FieldSchema;
  /** Top-level fields the strategy resets and nobody owns (GetResetFields). */
  readonly resetFields?: readonly string[];
  /** Builds the stored shape from a body decoded against `schema`. */
  decode(decoded: JsonObject): T;
  /** The object as this group/version prints it, without kind/apiVersion. */
  render(obj: T): JsonObject;
  /** An otherwise empty object carrying only a resourceVersion (watch bookmarks). */
  empty(resourceVersion: string): T;
  prepareForCreate(obj: T): void;
  prepareForUpdate(obj: T, old: T): void;
  validateCreate(obj: T): FieldError[];
  validateUpdate(obj: T, old: T): FieldError[];
  selectableFields(obj: T): Record<string, string>;
  /** Field label conversion for field selectors; throws Error(message) for unsupported labels. */
  fieldLabel(label: string): string;
}

/** Renders an object with its kind and apiVersion first, as a top-level response carries them. */
export function withTypeMeta<T extends StoredObject>(view: ResourceView<T>, obj: T): JsonObject {
  return { kind: view.kind, apiVersion: view.apiVersion, ...view.render(obj) };
}

/** List strategies every kind shares through ObjectMeta. */
export function metadataListStrategies(path: string): ReturnType<ListStrategies> {
  if (path === 'metadata.finalizers') return { merge: 'primitive' };
  if (path === 'metadata.ownerReferences') return { merge: 'key', key: 'uid' };
  return undefined;
}
