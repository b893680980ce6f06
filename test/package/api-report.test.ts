// Proves the API report guards the surface: `npm run api:check`'s script fails, naming the report, once an
// entry point gains an export or a signature changes (CI's api:check step proves the clean build passes).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository (gitignored), so the declarations resolve @kubernetes/client-node from node_modules.
mkdirSync(join(root, '.api-temp'), { recursive: true });
const work = mkdtempSync(join(root, '.api-temp', 'test-'));
const dist = join(work, 'dist');

/** Runs the api:check script on `dist` for `reports`; returns its exit code and output. */
function check(reports: readonly string[]): { code: number; out: string } {
  try {
    const out = execFileSync('node', ['--import', 'tsx', 'scripts/api-report.ts', `--dist=${dist}`, `--reports=${reports.join(',')}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

/** The verdict per report (`api: <report>: <verdict>` lines; successes on stdout, failures on stderr). */
function verdicts(out: string): Record<string, string> {
  const lines = out.split('\n').filter((line) => line.startsWith('api: '));
  return Object.fromEntries(
    lines.map((line) => {
      const [, report = '', verdict = ''] = /^api: ([^:]+): (.*)$/.exec(line.replace(/ \(diff: [^)]*\)/, '')) ?? [];
      return [report, verdict];
    }),
  );
}

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--declarationMap', 'false', '--outDir', dist], { cwd: root, stdio: 'pipe' });
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(`${dist}-api-temp`, { recursive: true, force: true });
});

describe('the API report (npm run api:check)', () => {
  it('fails on an accidental root export and on a changed signature, naming each report; an untouched entry passes', () => {
    // An internal helper leaks into the root, as an `export *` of a plumbing file would do.
    appendFileSync(join(dist, 'index.d.ts'), "export { realSleep } from './engine/sleep.js';\n");
    const format = join(dist, 'format', 'sprintf.d.ts');
    writeFileSync(format, readFileSync(format, 'utf8').replace('...args: unknown[]): string;', '...args: readonly unknown[]): string;'));
    const { code, out } = check(['kube-record', 'kube-record-format', 'kube-record-watch']);
    const fix = 'If the change is intended, run `npm run api:update` and commit the report.';
    expect(verdicts(out)).toEqual({
      'kube-record': `the public API of 'kube-record' differs from api/kube-record.api.md. ${fix}`,
      'kube-record-format': `the public API of 'kube-record/format' differs from api/kube-record-format.api.md. ${fix}`,
      'kube-record-watch': 'unchanged',
    });
    expect(code).toBe(1);
    // The fresh reports it compared hold the leaked name and the new signature.
    expect(readFileSync(`${dist}-api-temp/kube-record.api.md`, 'utf8')).toContain('export const realSleep: Sleep;');
    expect(readFileSync(`${dist}-api-temp/kube-record-format.api.md`, 'utf8')).toContain(
      'export function sprintf(format: string, ...args: readonly unknown[]): string;',
    );
  }, 180_000);
});
