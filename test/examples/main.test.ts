// The operator's CLI against a cluster named by --kubeconfig: seeds, runs until SIGTERM or SIGINT, flushes
// its events and exits 0 by itself.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/api-server/index.js';
import { clusterGiven, parseCliOptions } from '../../examples/configmap-operator/args.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let api: TestApiServer;
let dir: string;

beforeEach(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'kube-record-main-'));
});

afterEach(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs main.ts (through tsx; the compiled main.js is smoke-tested by .ci/run), sends `signal` once stdout contains `when`, and resolves with the exit code and output. */
function runMain(args: string[], when: string, signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/configmap-operator/main.ts', ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent && stdout.includes(when)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('configmap-operator main.ts', () => {
  it('seeds the demo ConfigMaps, then on SIGTERM flushes its events and exits 0', async () => {
    const kubeconfig = join(dir, 'kubeconfig.json');
    await writeFile(kubeconfig, api.kubeConfig.exportConfig());
    const { code, stdout, stderr } = await runMain(['--kubeconfig', kubeconfig, '--namespace', 'default', '--seed'], 'Seeded the demo ConfigMaps', 'SIGTERM');

    expect(code, `stderr:\n${stderr}`).toBe(0);
    expect(stdout).toContain('configmap-operator: Shutting down signal="SIGTERM"');
    // The in-memory server serves events.k8s.io/v1, so discovery picks it.
    expect(stdout).toContain('api="events.k8s.io/v1"');
    expect(stdout).toMatch(/configmap-operator: Stopped summary="events.k8s.io: accepted \d+, created \d+, patched \d+, series \d+, dropped 0"/);
    const reasons = api.events({ namespace: 'default' }).map((e) => `${e['reason'] as string} ${(e['involvedObject'] as { name: string }).name}`);
    expect(reasons).toContain('Validated app-config');
    expect(reasons).toContain('MissingKeys payments-config');
    expect(reasons).toContain('MissingKeys rollout-config');
  }, 40_000);

  it('exits 0 on SIGINT before anything happened', async () => {
    const kubeconfig = join(dir, 'kubeconfig.json');
    await writeFile(kubeconfig, api.kubeConfig.exportConfig());
    const { code, stdout } = await runMain(['--kubeconfig', kubeconfig], 'Watching ConfigMaps', 'SIGINT');
    expect(code).toBe(0);
    expect(stdout).toContain('configmap-operator: Stopped summary="events.k8s.io: accepted 0, created 0, patched 0, series 0, dropped 0"');
  }, 40_000);
});

describe('command line', () => {
  it('reads --kubeconfig, --namespace and --seed', () => {
    expect(parseCliOptions(['--kubeconfig', '/tmp/kc', '--namespace', 'prod', '--seed'])).toEqual({
      kubeconfig: '/tmp/kc',
      namespace: 'prod',
      seed: true,
      help: false,
    });
    expect(parseCliOptions([])).toEqual({ kubeconfig: undefined, namespace: undefined, seed: false, help: false });
  });

  it('rejects unknown options', () => {
    expect(() => parseCliOptions(['--kubconfig', 'x'])).toThrow('unknown option --kubconfig (see --help)');
  });

  it('prints a bad option as one line on stderr, no stack trace, and exits 2', async () => {
    const { code, stdout, stderr } = await runMain(['--kubconfig', 'x'], 'never', 'SIGTERM');
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'configmap-operator: unknown option --kubconfig (see --help)\n' });
  }, 40_000);

  it('uses a cluster when --kubeconfig or a non-empty KUBECONFIG is given', () => {
    expect(clusterGiven(parseCliOptions([]), {})).toBe(false);
    expect(clusterGiven(parseCliOptions([]), { KUBECONFIG: '' })).toBe(false);
    expect(clusterGiven(parseCliOptions([]), { KUBECONFIG: '/home/me/.kube/config' })).toBe(true);
    expect(clusterGiven(parseCliOptions(['--kubeconfig', 'kc.yaml']), {})).toBe(true);
  });
});
