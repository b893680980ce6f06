// The packed tarball as npm would publish it, installed into fresh consumer projects (one per client-node line
// this Node should take; see consumers.ts): its file list, ESM `import`, `require` (Node ≥ 20.19 can require
// ES modules) and the prometheus entry point.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { run } from './run.js';

const files = inject('packedFiles');
const consumers = inject('packageConsumers');

describe('the published package', () => {
  it('contains only the built JS and declarations (no source maps), README, CHANGELOG, LICENSE and package.json', () => {
    expect(files.filter((f) => !/^dist\/.*\.(js|d\.ts)$/.test(f))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/testing/index.js');
    expect(files).toContain('dist/prometheus/index.js');
    expect(files.some((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });

  it('has a README whose links all work on the registry page (absolute, or anchors within it)', () => {
    const readme = readFileSync(join(consumers[0]!.dir, 'node_modules', 'kube-record', 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((t) => !/^(https:\/\/|#)/.test(t))).toEqual([]);
  });

  it('has one declaration per module', () => {
    const js = files.filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -'.js'.length));
    const dts = files.filter((f) => f.endsWith('.d.ts')).map((f) => f.slice(0, -'.d.ts'.length));
    expect(dts).toEqual(js);
  });
});

describe.each(consumers)('the tarball installed with client-node $clientNode ($name)', (consumer) => {
  const node = (args: string[]) => run(process.execPath, args, consumer.dir);

  it('resolves the client-node it was installed with', async () => {
    const out = await node(['-p', "require('@kubernetes/client-node/package.json').version"]);
    expect(out.stdout.trim()).toBe(consumer.clientNode);
  });

  it('imports with ESM import', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      "import { EventBroadcaster } from 'kube-record'; import { sprintf } from 'kube-record/format'; import { FakeRecorder } from 'kube-record/testing';" +
        "const f = new FakeRecorder(); f.eventf({apiVersion:'v1',kind:'Pod',metadata:{name:'p'}}, 'Normal', 'R', 'n=%d', 3);" +
        "console.log(typeof EventBroadcaster, sprintf('%05.1f', 3.14159), f.events[0]);",
    ]);
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('function 003.1 Normal R n=3');
  });

  it('loads with require', async () => {
    const out = await node(['-e', "const k = require('kube-record'); console.log(typeof k.EventBroadcaster, typeof k.CoreV1EventSink)"]);
    expect(out.stdout.trim()).toBe('function function');
  });

  it('serves kube-record/prometheus, and only that entry point needs prom-client (an optional peer)', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      "import { Registry } from 'prom-client'; import { EventBroadcaster } from 'kube-record'; import { registerEventMetrics } from 'kube-record/prometheus';" +
        "const registry = new Registry(); const b = new EventBroadcaster(); registerEventMetrics(b, { registry });" +
        "const text = await registry.metrics(); console.log(text.split('\\n').find((l) => l.startsWith('kube_record_events_accepted_total{'))); await b.shutdown();",
    ]);
    expect(out.stdout.trim()).toBe('kube_record_events_accepted_total{api="core/v1"} 0');
    const installed = join(consumer.dir, 'node_modules', 'kube-record');
    const needing = files.filter((f) => f.endsWith('.js')).filter((f) => readFileSync(join(installed, f), 'utf8').includes("from 'prom-client'"));
    expect(needing).toEqual(['dist/prometheus/collector.js']);
  });

  it('ships type declarations for every entry point', () => {
    const dist = join(consumer.dir, 'node_modules', 'kube-record', 'dist');
    expect(readdirSync(dist)).toContain('index.d.ts');
    for (const entry of ['testing', 'prometheus', 'format', 'watch']) expect(readdirSync(join(dist, entry))).toContain('index.d.ts');
  });

  it('serves kube-record/watch and kube-record/format, and keeps both out of the root', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      "import * as root from 'kube-record'; import { Broadcaster } from 'kube-record/watch'; import { sprintf } from 'kube-record/format';" +
        "const b = new Broadcaster({ queueLength: 2, fullChannelBehavior: 'drop' }); const w = b.watch(); b.actionOrDrop('a'); await b.shutdown();" +
        "const got = []; for await (const e of w) got.push(e);" +
        "console.log(got.join(','), sprintf('%q', 'x'), 'Broadcaster' in root, 'sprintf' in root, 'realSleep' in root);",
    ]);
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('a "x" false false false');
  });
});
