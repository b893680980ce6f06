// JSON merge patch (RFC 7386, application/merge-patch+json): objects merge recursively, null deletes,
// everything else (arrays included) replaces.
import { cloneJson, isJsonObject, type JsonValue } from './json.js';

export function applyMergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out = isJsonObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k] ?? null, v);
  }
  return out;
}
