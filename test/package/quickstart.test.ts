// The README's Quick start, copied verbatim out of README.md into a consumer of the packed tarball: it must
// typecheck under strict + nodenext + exactOptionalPropertyTypes, and run under plain node against the
// in-memory API server (kube-record/testing from the same tarball), writing exactly the event it promises.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type * as testing from '../../src/testing/index.js';
import type { Consumer } from './consumers.js';
import { quickStartFrom, QuickStartNotFoundError } from './readme-quickstart.js';
import { run } from './run.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const consumers = inject('packageConsumers');

/** What the Quick start program records (QUICKSTART.md's contract): one Warning about Pod default/web-0. */
const COMPONENT = 'example.com/my-operator';
const POD_UID = '6d7c9a1e-0b1f-4c1e-9d55-2a0c3f3b8e11';

/** kube-record/testing as the consumer resolves it: from the installed tarball, not from src/. */
async function installedTesting(consumer: Consumer): Promise<typeof testing> {
  const entry = createRequire(join(consumer.dir, 'package.json')).resolve('kube-record/testing');
  expect(entry).toBe(join(consumer.dir, 'node_modules', 'kube-record', 'dist', 'testing', 'index.js'));
  return (await import(pathToFileURL(entry).href)) as typeof testing;
}

/** A kubeconfig file for `server`, as a user's ~/.kube/config would be. */
function writeKubeconfig(dir: string, server: string): string {
  const file = join(dir, 'kubeconfig.json');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'test', user: {} }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: 'test', namespace: 'default' } }],
    'current-context': 'test',
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

describe('quickStartFrom', () => {
  it('takes the first ```ts block under "## Quick start", verbatim', () => {
    const text = ['# x', '```ts', 'no', '```', '## Quick start', 'intro', '```sh', 'npm i', '```', '```ts', 'const a = 1;', '  // kept', '```', '```ts', 'second', '```', '## Next'].join('\n');
    expect(quickStartFrom(text)).toBe('const a = 1;\n  // kept\n');
  });

  it('refuses a README without the section or without a ts block in it', () => {
    expect(() => quickStartFrom('# x\n```ts\na\n```\n')).toThrow(QuickStartNotFoundError);
    expect(() => quickStartFrom('## Quick start\ntext\n## Next\n```ts\na\n```\n')).toThrow(/no complete ```ts block/);
  });

  it("finds this README's program, which leads with createEventRecorder", () => {
    expect(quickStartFrom(readme)).toContain("import { createEventRecorder } from 'kube-record';");
  });
});

describe.each(consumers)('the README Quick start in a consumer with client-node $clientNode ($name)', (consumer) => {
  let api: testing.TestApiServer;
  let kubeconfig: string;

  beforeAll(async () => {
    writeFileSync(join(consumer.dir, 'quickstart.ts'), quickStartFrom(readme));
    copyFileSync(join(here, 'consumer', 'options-undefined.ts'), join(consumer.dir, 'options-undefined.ts'));
    copyFileSync(join(here, 'consumer', 'tsconfig.json'), join(consumer.dir, 'tsconfig.json'));
    const { startTestApiServer } = await installedTesting(consumer);
    api = await startTestApiServer();
    kubeconfig = writeKubeconfig(consumer.dir, api.url);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('typechecks (with the type-level test of undefined options) and compiles', async () => {
    const tsc = join(consumer.dir, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer.dir);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each([
    { podName: 'my-operator-7d9f-x2k4q', instance: 'my-operator-7d9f-x2k4q' },
    { podName: undefined, instance: `${COMPONENT}-${hostname()}` },
  ])('runs under plain node with POD_NAME=$podName and writes exactly one event, reportingInstance $instance', async ({ podName, instance }) => {
    api.clearRequests();
    const before = api.eventsV1({ namespace: 'default' }).length;
    const env: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG: kubeconfig };
    delete env['POD_NAME'];
    if (podName !== undefined) env['POD_NAME'] = podName;

    const result = await run(process.execPath, [join('out', 'quickstart.js')], consumer.dir, env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });

    // Discovery chose events.k8s.io/v1 (the in-memory server serves it), and one create wrote the event.
    const writes = api.requests().filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /apis/events.k8s.io/v1/namespaces/default/events 201']);
    const events = api.eventsV1({ namespace: 'default' });
    expect(events).toHaveLength(before + 1);
    const event = events.find((e) => (e['reportingInstance'] as string) === instance)!;
    const regarding = event['regarding'] as Record<string, unknown>;
    expect({
      type: event['type'],
      reason: event['reason'],
      action: event['action'],
      note: event['note'],
      reportingController: event['reportingController'],
      reportingInstance: event['reportingInstance'],
      regarding: { apiVersion: regarding['apiVersion'], kind: regarding['kind'], namespace: regarding['namespace'], name: regarding['name'], uid: regarding['uid'] },
    }).toEqual({
      type: 'Warning',
      reason: 'FailedSync',
      action: 'Sync',
      note: 'sync default/web-0: image pull failed',
      reportingController: COMPONENT,
      reportingInstance: instance,
      regarding: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-0', uid: POD_UID },
    });
  });
});
