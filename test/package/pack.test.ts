// Packs the package as npm would publish it, installs the tarball into a fresh project and imports it
// with ESM `import` and with `require` (Node ≥ 20.19 can require ES modules).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kube-record-pack-'));
let files: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
}

beforeAll(() => {
  const out = run('npm', ['pack', '--json', '--pack-destination', work], root);
  const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = info[0]!.files.map((f) => f.path).sort();
  const tarball = join(work, info[0]!.filename);
  const project = join(work, 'app');
  run('mkdir', ['-p', project], work);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'app',
      private: true,
      type: 'module',
      // client-node 2.x needs undici 8 (Node ≥ 22.19); on Node 20 pin undici 7, as our own dev setup does.
      overrides: { undici: '^7.30.2' },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, '@kubernetes/client-node@2.0.1', 'prom-client@15.1.3'], project);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published package', () => {
  it('contains only the built output, README, LICENSE and package.json', () => {
    expect(files.filter((f) => !/^dist\/.*\.(js|d\.ts|js\.map|d\.ts\.map)$/.test(f))).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/testing/index.js');
    expect(files).toContain('dist/prometheus/index.js');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });

  it('imports with ESM import', () => {
    const out = run(
      'node',
      [
        '--input-type=module',
        '-e',
        "import { EventBroadcaster } from 'kube-record'; import { sprintf } from 'kube-record/format'; import { FakeRecorder } from 'kube-record/testing';" +
          "const f = new FakeRecorder(); f.eventf({apiVersion:'v1',kind:'Pod',metadata:{name:'p'}}, 'Normal', 'R', 'n=%d', 3);" +
          "console.log(typeof EventBroadcaster, sprintf('%05.1f', 3.14159), f.events[0]);",
      ],
      join(work, 'app'),
    );
    expect(out.trim()).toBe('function 003.1 Normal R n=3');
  });

  it('loads with require', () => {
    const out = run('node', ['-e', "const k = require('kube-record'); console.log(typeof k.EventBroadcaster, typeof k.CoreV1EventSink)"], join(work, 'app'));
    expect(out.trim()).toBe('function function');
  });

  it('serves kube-record/prometheus, and only that entry point needs prom-client (an optional peer)', () => {
    const out = run(
      'node',
      [
        '--input-type=module',
        '-e',
        "import { Registry } from 'prom-client'; import { EventBroadcaster } from 'kube-record'; import { registerEventMetrics } from 'kube-record/prometheus';" +
          "const registry = new Registry(); const b = new EventBroadcaster(); registerEventMetrics(b, { registry });" +
          "const text = await registry.metrics(); console.log(text.split('\\n').find((l) => l.startsWith('kube_record_events_accepted_total{'))); await b.shutdown();",
      ],
      join(work, 'app'),
    );
    expect(out.trim()).toBe('kube_record_events_accepted_total{api="core/v1"} 0');
    const dist = join(work, 'app', 'node_modules', 'kube-record', 'dist');
    const needing = files
      .filter((f) => f.endsWith('.js'))
      .filter((f) => readFileSync(join(dist, '..', f), 'utf8').includes("from 'prom-client'"));
    expect(needing).toEqual(['dist/prometheus/collector.js']);
  });

  it('serves kube-record/watch and kube-record/format, and keeps both out of the root', () => {
    const out = run(
      'node',
      [
        '--input-type=module',
        '-e',
        "import * as root from 'kube-record'; import { Broadcaster } from 'kube-record/watch'; import { sprintf } from 'kube-record/format';" +
          "const b = new Broadcaster({ queueLength: 2, fullChannelBehavior: 'drop' }); const w = b.watch(); b.actionOrDrop('a'); await b.shutdown();" +
          "const got = []; for await (const e of w) got.push(e);" +
          "console.log(got.join(','), sprintf('%q', 'x'), 'Broadcaster' in root, 'sprintf' in root, 'realSleep' in root);",
      ],
      join(work, 'app'),
    );
    expect(out.trim()).toBe('a "x" false false false');
  });

  it('ships type declarations for both entry points', () => {
    const dist = readdirSync(join(work, 'app', 'node_modules', 'kube-record', 'dist'));
    expect(dist).toContain('index.d.ts');
  });
});
