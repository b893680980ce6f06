// The operator's command line: help, one-line errors with exit code 2, POD_NAME, and a start that fails
// because the cluster is down (exit 1, the cause logged).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, kubeConfigFor } from '../support/closed-port.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../src/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCli } from '../../examples/configmap-operator/cli.js';
import { runUntilSignal, type RunOptions } from '../../examples/configmap-operator/run.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://10.0.0.1:6443' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u, namespace: prod } }]
current-context: x
`;

interface Captured {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly runs: RunOptions[];
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const runs: RunOptions[] = [];
  const code = await runCli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    env,
    run: async (options) => {
      runs.push(options);
      return EXIT_OK;
    },
  });
  return { code, stdout, stderr, runs };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kube-record-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('configmap-operator command line: mistakes are one line on stderr and exit 2', () => {
  it.each([
    [['--kubconfig', 'x'], 'configmap-operator: unknown option --kubconfig (see --help)'],
    [['-x'], 'configmap-operator: unknown option -x (see --help)'],
    [['--kubeconfig'], 'configmap-operator: option --kubeconfig needs a value'],
    [['--namespace='], 'configmap-operator: option --namespace needs a value'],
    [['--seed=yes'], 'configmap-operator: option --seed takes no value'],
    [['run'], 'configmap-operator: unexpected argument "run" (see --help)'],
    [['--toString'], 'configmap-operator: unknown option --toString (see --help)'],
  ])('%j', async (argv, line) => {
    expect(await cli(argv)).toEqual({ code: EXIT_USAGE, stdout: [], stderr: [line], runs: [] });
  });

  it('a kubeconfig path that does not exist', async () => {
    const path = join(dir, 'missing.yaml');
    expect(await cli(['--kubeconfig', path])).toEqual({
      code: EXIT_USAGE,
      stdout: [],
      stderr: [`configmap-operator: cannot load ${path}: ENOENT: no such file or directory, open '${path}'`],
      runs: [],
    });
  });

  it('a kubeconfig that is not YAML, and one without a cluster', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'clusters: [\n  - {name: c\n');
    const { code, stderr } = await cli(['--kubeconfig', broken]);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(new RegExp(`^configmap-operator: cannot load ${broken}: \\S.*$`));

    const empty = join(dir, 'empty.yaml');
    await writeFile(empty, 'apiVersion: v1\nkind: Config\ncurrent-context: nowhere\n');
    expect((await cli(['--kubeconfig', empty])).stderr).toEqual([`configmap-operator: ${empty} has no cluster for its current context "nowhere"`]);
  });
});

describe('configmap-operator command line: runs', () => {
  it('--help prints the usage and exits 0 without running', async () => {
    const { code, stdout, stderr, runs } = await cli(['--help']);
    expect([code, stderr, runs]).toEqual([EXIT_OK, [], []]);
    expect(stdout).toHaveLength(1);
    expect(stdout[0]?.split('\n').slice(0, 2)).toEqual(['Usage: configmap-operator [options]   (node dist/main.js in the image)', 'Options:']);
  });

  it('runs with the kubeconfig, the namespace and POD_NAME as reportingInstance', async () => {
    const path = join(dir, 'kc.yaml');
    await writeFile(path, KUBECONFIG);
    const { code, stderr, runs } = await cli(['--kubeconfig', path, '--namespace', 'shop'], { POD_NAME: 'configmap-operator-7d9f-abcde' });
    expect([code, stderr]).toEqual([EXIT_OK, []]);
    expect(runs.map((r) => ({ ...r, kubeConfig: r.kubeConfig.getCurrentCluster()?.server }))).toEqual([
      { kubeConfig: 'https://10.0.0.1:6443', seed: false, namespace: 'shop', reportingInstance: 'configmap-operator-7d9f-abcde' },
    ]);
  });

  it('leaves reportingInstance to the default without POD_NAME (or with an empty one)', async () => {
    const path = join(dir, 'kc.yaml');
    await writeFile(path, KUBECONFIG);
    for (const env of [{}, { POD_NAME: '' }]) {
      const { runs } = await cli(['--kubeconfig', path, '--seed'], env);
      expect(runs.map((r) => Object.keys(r).sort())).toEqual([['kubeConfig', 'seed']]);
    }
  });

  it('reports an unexpected error of the run as one line and exits 1', async () => {
    const path = join(dir, 'kc.yaml');
    await writeFile(path, KUBECONFIG);
    const stderr: string[] = [];
    const code = await runCli(['--kubeconfig', path], {
      stdout: () => undefined,
      stderr: (line) => stderr.push(line),
      env: {},
      run: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:6443') })),
    });
    expect([code, stderr]).toEqual([EXIT_FAILURE, ['configmap-operator: fetch failed: connect ECONNREFUSED 10.0.0.1:6443']]);
  });
});

describe('runUntilSignal with the API server down', () => {
  it('logs why it could not start and resolves 1', async () => {
    const port = await closedPort();
    const kubeConfig = kubeConfigFor(port);
    const lines: Array<[string, string, LogFields | undefined]> = [];
    const at = (level: string) => (message: string, fields?: LogFields) => void lines.push([level, message, fields]);
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const listeners = process.listenerCount('SIGTERM');

    expect(await runUntilSignal({ kubeConfig, seed: false, logger })).toBe(EXIT_FAILURE);
    expect(lines).toEqual([
      [
        'error',
        'Start failed',
        {
          error:
            `could not discover whether events.k8s.io/v1 is served (GET /apis/events.k8s.io/v1: fetch failed); pass { api: 'v1' } or ` +
            `{ api: 'events.k8s.io/v1' } to choose without discovery: connect ECONNREFUSED 127.0.0.1:${port}`,
        },
      ],
    ]);
    // Its signal handlers are gone: nothing keeps listening after it returned.
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
  });
});
