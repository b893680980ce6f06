// `npm run bench:eventf-bounds [-- --json]`: how long one eventf call takes with huge input (a 10 MB message,
// a 10 MB operand under %s %q %x, million-element arrays, Maps and Sets, huge widths), on both APIs, with a
// sink attached so the correlator (core/v1) and the series cache (events.k8s.io/v1) run inside the call.
// The bound is MESSAGE_LENGTH_LIMIT: formatting stops at 1 KiB and the message is cut there. What it cannot
// bound is listing a plain object's keys (%v of an object, annotatedEventf's annotations): JavaScript has no
// way to take an object's first keys without listing all of them (Object.keys; for...in is no cheaper), so
// those rows grow with the key count (~0.15 µs per key). Figures are the median and max of 7 calls after a
// warm-up call, in ms.
import { EventsV1Broadcaster } from '../src/events/event-broadcaster.js';
import type { EventsV1Sink } from '../src/events/sink.js';
import { EventBroadcaster } from '../src/record/event-broadcaster.js';
import { silentLogger } from '../src/shared/logger.js';
import type { EventSink } from '../src/record/sink.js';

/** Calls timed per case, after one warm-up call. */
const CALLS = 7;
const TEN_MB = 10 * 1024 * 1024;

const noopCoreSink: EventSink = { create: async (e) => e, patch: async (e) => e, update: async (e) => e };
const noopEventsSink: EventsV1Sink = { create: async (e) => e, patch: async (e) => e, update: async (e) => e };

const big = 'x'.repeat(TEN_MB);
const array = Array.from({ length: 1_000_000 }, (_, i) => i);
const CASES: ReadonlyArray<readonly [string, string, readonly unknown[]]> = [
  ['10 MB message', big, []],
  ['%s of 10 MB', '%s', [big]],
  ['%q of 10 MB', '%q', [big]],
  ['%x of 10 MB', '%x', [big]],
  ['%v of a 1e6 array', '%v', [array]],
  ['%#v of a 1e6 array', '%#v', [array]],
  ['%v of a 1e6 Map', '%v', [new Map(array.map((i) => [i, i]))]],
  ['%v of a 1e6 Set', '%v', [new Set(array)]],
  ['%v of a 10 000-key object', '%v', [Object.fromEntries(array.slice(0, 10_000).map((i) => [`k${i}`, i]))]],
  // Not bounded: listing an object's keys (Object.keys) is all JavaScript offers, whatever is printed.
  ['%v of a 100 000-key object', '%v', [Object.fromEntries(array.slice(0, 100_000).map((i) => [`k${i}`, i]))]],
  ['%1000000d', '%1000000d', [1]],
  ['%.1000000f', '%.1000000f', [1.5]],
  ['%1000000000d', '%1000000000d', [1]],
];

function time(call: () => void): { median: number; max: number } {
  call();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = process.hrtime.bigint();
    call();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(CALLS / 2)] ?? 0, max: ms[CALLS - 1] ?? 0 };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const core = new EventBroadcaster({ logger: silentLogger });
  core.startRecordingToSink(noopCoreSink);
  const coreRecorder = core.newRecorder({ component: 'bench' });
  const v1 = new EventsV1Broadcaster({ sink: noopEventsSink, logger: silentLogger });
  v1.startRecording();
  const v1Recorder = v1.newRecorder('bench', { reportingInstance: 'bench-0' });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' } };
  // annotatedEventf with 100 000 annotations (1.2 MB: refused at the size limit after listing the keys).
  const manyAnnotations = Object.fromEntries(array.slice(0, 100_000).map((i) => [`example.com/k${i}`, 'v']));
  if (!json) console.log(`${'input'.padEnd(28)} ${'core/v1 median / max ms'.padEnd(26)} events.k8s.io/v1 median / max ms`);
  const report = (label: string, core: () => void, eventsV1: () => void): void => {
    const c = time(core);
    const e = time(eventsV1);
    if (json) console.log(JSON.stringify({ input: label, core: c, eventsV1: e }));
    else console.log(`${label.padEnd(28)} ${`${c.median.toFixed(3)} / ${c.max.toFixed(3)}`.padEnd(26)} ${e.median.toFixed(3)} / ${e.max.toFixed(3)}`);
  };
  for (const [label, format, args] of CASES) {
    report(
      label,
      () => coreRecorder.eventf(pod, 'Normal', 'Bench', format, ...args),
      () => v1Recorder.eventf(pod, undefined, 'Normal', 'Bench', 'Run', format, ...args),
    );
  }
  report(
    '100 000 annotations',
    () => coreRecorder.annotatedEventf(pod, manyAnnotations, 'Normal', 'Bench', 'm'),
    () => v1Recorder.annotatedEventf(pod, undefined, manyAnnotations, 'Normal', 'Bench', 'Run', 'm'),
  );
  await core.shutdown({ timeoutMs: 1000 });
  await v1.shutdown({ timeoutMs: 1000 });
}

await main();
