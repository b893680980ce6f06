// The operator's rule, as a pure function: a ConfigMap lists the data keys it must carry in an
// annotation, and every listed key must be present with a non-blank value.

/** Label that opts a ConfigMap into validation (the operator's informer selects on it). */
export const VALIDATE_LABEL = 'kube-record.dev/validate';
/** Annotation with the comma-separated data keys that must be present and non-empty. */
export const REQUIRED_KEYS_ANNOTATION = 'kube-record.dev/required-keys';
/** Label selector for the ConfigMaps this operator validates. */
export const VALIDATE_SELECTOR = `${VALIDATE_LABEL}=true`;

/** The parts of a ConfigMap the rule reads; list items, watch objects and `V1ConfigMap` all fit. */
export interface ConfigMapLike {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly data?: Readonly<Record<string, string>>;
}

/** Outcome of {@link validateConfigMap}. */
export interface ValidationResult {
  /** The keys the annotation requires, trimmed, without blanks or duplicates, in annotation order. */
  readonly required: readonly string[];
  /** The required keys that are absent from `data` or blank, in annotation order. */
  readonly missing: readonly string[];
  /** True when nothing is missing (also when nothing is required). */
  readonly valid: boolean;
}

/**
 * Parses the required-keys annotation: `" host, port ,,host"` → `['host', 'port']`. Whitespace around
 * keys is ignored because people write annotations by hand in YAML; empty entries and repeats are
 * dropped so a stray comma cannot require the key `""`.
 *
 * @example
 * ```ts
 * parseRequiredKeys('host, port'); // ['host', 'port']
 * parseRequiredKeys(undefined);    // []
 * ```
 */
export function parseRequiredKeys(annotation: string | undefined): string[] {
  if (annotation === undefined) return [];
  const keys = annotation.split(',').map((k) => k.trim()).filter((k) => k !== '');
  return [...new Set(keys)];
}

/**
 * Checks that every key listed in the `kube-record.dev/required-keys` annotation exists in `data` with
 * a value that is not blank. A whitespace-only value counts as empty: a YAML block scalar left empty
 * yields `"\n"`, which no application can use. `binaryData` is not consulted: the rule is about
 * text settings. Without the annotation nothing is required and the ConfigMap is valid.
 *
 * @example
 * ```ts
 * validateConfigMap({
 *   metadata: { annotations: { 'kube-record.dev/required-keys': 'host,port' } },
 *   data: { host: 'db', port: '' },
 * });
 * // { required: ['host', 'port'], missing: ['port'], valid: false }
 * ```
 */
export function validateConfigMap(configMap: ConfigMapLike): ValidationResult {
  const required = parseRequiredKeys(configMap.metadata?.annotations?.[REQUIRED_KEYS_ANNOTATION]);
  const data = configMap.data ?? {};
  const missing = required.filter((key) => {
    // Own properties only: a key named "constructor" must not be found on Object.prototype.
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    return typeof value !== 'string' || value.trim() === '';
  });
  return { required, missing, valid: missing.length === 0 };
}
