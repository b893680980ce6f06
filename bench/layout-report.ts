// `node --import tsx bench/layout-report.ts`: the figures ARCHITECTURE.md quotes — source files per folder of src/ and
// the imports that cross from one folder into another (each import statement counted once).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Repo-relative .ts files under `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The folder of src/ a file belongs to: `src/testing/api-server/x.ts` → `testing`; `src/index.ts` → `(root)`. */
function folderOf(file: string): string {
  const parts = path.relative('src', file).split(path.sep);
  return parts.length > 1 && parts[0] !== undefined ? parts[0] : '(root)';
}

const files = tsFiles('src');
const perFolder = new Map<string, number>();
const crossing = new Map<string, number>();
const importRe = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;
for (const file of files) {
  const from = folderOf(file);
  perFolder.set(from, (perFolder.get(from) ?? 0) + 1);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(importRe)) {
    if (spec === undefined) continue;
    const to = folderOf(path.join(path.dirname(file), spec));
    if (to === from) continue;
    const key = `${from} → ${to}`;
    crossing.set(key, (crossing.get(key) ?? 0) + 1);
  }
}
console.log('files per folder of src/:');
for (const [folder, n] of [...perFolder].sort()) console.log(`  ${folder.padEnd(12)} ${n}`);
console.log(`imports across folders (${[...crossing.values()].reduce((a, b) => a + b, 0)} in all):`);
for (const [key, n] of [...crossing].sort()) console.log(`  ${key.padEnd(26)} ${n}`);
