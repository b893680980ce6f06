// Module hooks (node:module register) that load a bench cache variant in place of the correlator's
// src/record/bounded-cache.js, so bench/caches.ts measures the unchanged pipeline on another cache.
import type { InitializeHook, ResolveHook } from 'node:module';

/** What register() passes to the hooks. */
export interface HookData {
  /** The URL of the module to load instead of bounded-cache.js. */
  readonly url: string;
}

let replacement: string | undefined;

export const initialize: InitializeHook<HookData> = (data) => {
  replacement = data.url;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  if (replacement !== undefined && resolved.url.endsWith('/src/record/bounded-cache.js')) return { ...resolved, url: replacement, shortCircuit: true };
  return resolved;
};
