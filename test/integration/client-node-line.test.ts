// Proves which client-node line the integration suite runs against: 2.x by `npm test`, 1.4.0 by
// `npm run test:compat` (vitest.compat.config.ts aliases the package), and which undici 2.x loads: 7 through
// the root's override on Node 20, 8 from .ci/node-matrix on Node 22 and 24 (vitest.matrix.config.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as clientNode from '@kubernetes/client-node';
import * as clientNode1 from '@kubernetes/client-node-1';
import { describe, expect, it } from 'vitest';

const line = process.env['KUBE_RECORD_CLIENT_NODE_LINE'];
/** The client-node entry vitest resolves `@kubernetes/client-node` to: the matrix copy, or the root's. */
const clientNodeEntry = process.env['KUBE_RECORD_CLIENT_NODE_ENTRY'] ?? fileURLToPath(new URL('../../node_modules/@kubernetes/client-node/dist/index.js', import.meta.url));

/** The version of the undici that a module at `entry` gets when it imports 'undici'. */
function undiciVersionSeenFrom(entry: string): string {
  const main = createRequire(entry).resolve('undici');
  const pkg = main.slice(0, main.lastIndexOf('/node_modules/undici/') + '/node_modules/undici/'.length) + 'package.json';
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

describe('client-node under test', () => {
  it(`is the ${line ?? '?'}.x line`, () => {
    expect(['1', '2']).toContain(line);
    expect((clientNode.CoreV1Api as unknown) === (clientNode1.CoreV1Api as unknown)).toBe(line === '1');
  });

  it.skipIf(line === '1')(`is the copy whose undici is ${process.env['KUBE_RECORD_UNDICI_MAJOR'] ?? '7'}.x (the root override, or none in .ci/node-matrix)`, async () => {
    const loaded = (await import(clientNodeEntry)) as typeof clientNode;
    expect(loaded.CoreV1Api).toBe(clientNode.CoreV1Api);
    expect(undiciVersionSeenFrom(clientNodeEntry).split('.')[0]).toBe(process.env['KUBE_RECORD_UNDICI_MAJOR'] ?? '7');
  });
});
