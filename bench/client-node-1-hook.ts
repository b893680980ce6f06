// A module resolve hook for bench/write-cost.ts: resolves `@kubernetes/client-node` to the 1.x line
// (installed as `@kubernetes/client-node-1`), as vitest.compat.config.ts does for the tests.
// Loaded with `node --import ./.bench-build/bench/use-client-node-1.js`.

type Resolve = (specifier: string, context: unknown) => Promise<unknown>;

/** The resolve hook (node:module `register`). */
export function resolve(specifier: string, context: unknown, next: Resolve): Promise<unknown> {
  return next(specifier === '@kubernetes/client-node' ? '@kubernetes/client-node-1' : specifier, context);
}
