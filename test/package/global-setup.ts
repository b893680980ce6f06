// Packs the package as npm would publish it (or takes the tarball .ci/run packed once, from
// KUBE_RECORD_TARBALL) and installs it into fresh consumer projects in a temp folder, once for all package tests.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { consumersFor, type Consumer } from './consumers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The installed consumer projects, for the Node the tests run on. */
    packageConsumers: Consumer[];
    /** Every path in the tarball, sorted. */
    packedFiles: string[];
  }
}

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Versions of the dev tools the consumer installs, the ones this repository is built with. */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_loglevel: 'error' } });
  return stdout;
}

async function packedTarball(work: string): Promise<string> {
  const given = process.env['KUBE_RECORD_TARBALL'];
  if (given) return given;
  const out = await npm(['pack', '--pack-destination', work], root);
  return join(work, out.trim().split('\n').pop()!);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = mkdtempSync(join(tmpdir(), 'kube-record-package-'));
  const tarball = await packedTarball(work);
  const { stdout: listing } = await run('tar', ['-tzf', tarball], { encoding: 'utf8' });
  const packedFiles = listing.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();

  // @types/ws: client-node's declarations import isomorphic-ws, which needs it; with it the consumer compiles
  // with skipLibCheck off, so kube-record's own .d.ts files are checked too.
  const tools = [
    `prom-client@${installedVersion('prom-client')}`,
    `typescript@${installedVersion('typescript')}`,
    `@types/node@${process.versions.node.split('.')[0]}`,
    `@types/ws@${installedVersion('@types/ws')}`,
  ];
  const consumers: Consumer[] = [];
  for (const spec of consumersFor(process.version)) {
    const dir = join(work, spec.name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `consumer-${spec.name}`, private: true, type: 'module', ...(spec.overrides ? { overrides: spec.overrides } : {}) }, null, 2),
    );
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, `@kubernetes/client-node@${spec.clientNode}`, ...tools], dir);
    consumers.push({ ...spec, dir });
  }
  project.provide('packageConsumers', consumers);
  project.provide('packedFiles', packedFiles);
  console.log(`package tests: ${basename(tarball)} (${packedFiles.length} files) installed into ${consumers.map((c) => c.name).join(', ')} on Node ${process.version}`);
  // Asynchronous: a synchronous delete of the consumers' node_modules stalls vitest's main loop while it ends the workers.
  return () => rm(work, { recursive: true, force: true });
}
