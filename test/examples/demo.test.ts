// `npm run demo` as a user runs it: a child process that must print the events table and exit 0 on its
// own (no process.exit), which proves the operator, broadcaster and API server leave nothing open.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runDemo(): Promise<Run> {
  const env = { ...process.env };
  // Without a kubeconfig the demo uses the in-memory API server, never the developer's cluster.
  delete env['KUBECONFIG'];
  return new Promise((resolve) => {
    execFile('npm', ['run', 'demo'], { cwd: repoRoot, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('prints the events table and the stats line, and exits 0 by itself', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, `stderr:\n${stderr}`).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.startsWith('LAST SEEN'))).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +COUNT +MESSAGE$/);
    const row = (re: RegExp) => lines.filter((l) => re.test(l));
    expect(row(/^\S+ +Normal +Validated +configmap\/app-config +1 +all 3 required keys present$/)).toHaveLength(1);
    expect(row(/^\S+ +Warning +MissingKeys +configmap\/payments-config +1 +missing required keys: \[api-key timeout\]$/)).toHaveLength(1);
    // The storm: nine distinct messages, two of them repeated (count patches), then an aggregate.
    expect(row(/^\S+ +Warning +MissingKeys +configmap\/rollout-config +/)).toHaveLength(10);
    expect(row(/^\S+ +Warning +MissingKeys +configmap\/rollout-config +7 +missing required keys: \[strategy\]$/)).toHaveLength(1);
    expect(
      row(/^\S+ +Warning +MissingKeys +configmap\/rollout-config +4 +\(combined from similar events\): missing required keys: \[image region\]$/),
    ).toHaveLength(1);
    expect(row(/^\S+ +Normal +Validated +configmap\/rollout-config +4 +all 4 required keys present$/)).toHaveLength(1);
    expect(lines).toContain('events: accepted 33, created 13, patched 18, aggregated 4, spam-filtered 2, dropped 0');
  }, 60_000);
});
