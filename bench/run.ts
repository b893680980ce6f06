// `npm run bench [-- --json]`: kube-record's performance figures (issue 6), one measurement per module:
// - bench/throughput.ts — W1–W3: end-to-end events/s (eventf → broadcaster → correlator → no-op sink)
//   and eventf latency p50/p99.
// - bench/memory.ts — M1: heap retained by a live broadcaster after 1 000 000 events over 100 000 objects
//   (needs `node --expose-gc`, which the npm script passes).
// Prints a table, or with --json one JSON object per workload:
//   {"workload":"W1","events":…,"objects":…,"eventsPerSec":…,"eventfP50Ns":…,"eventfP99Ns":…,"writes":…,"dropped":…}
//   {"workload":"M1","events":1000000,"objects":100000,"retainedHeapMB":…,"dropped":…}
// - bench/http.ts — over HTTP, each server in a child process: against the unthrottled in-memory API
//   server, H1/H8 events written per second with sinkConcurrency 1 and 8, S8 what the server takes from a
//   bare keep-alive client, and C-core/C-eventsV1 API calls for 10 000 occurrences of a hot loop; against
//   the kube-apiserver model (bench/apiserver-model.ts: the in-memory server with a real kube-apiserver
//   v1.32's timing, ~610 creates/s from one connection, ~1 460/s from 8), K-S1/K-S8 the bare client and
//   K-H1/K-H8 kube-record with 1 and 8 in flight. H rows with an S row at the same concurrency on the same
//   server carry `ceilingRatio`, their events/s as a fraction of the bare client's:
//   {"workload":"H8","events":…,"objects":…,"sinkConcurrency":8,"eventsPerSec":…,"apiCalls":…,"ceilingRatio":…}
//   {"workload":"C-eventsV1","events":10000,"objects":100,"apiCalls":…}
//   {"workload":"K-S8","events":…,"objects":…,"sinkConcurrency":8,"eventsPerSec":…,"apiCalls":…}
// - X rows (issue 15, bench/write-cost.ts): for core/v1 and events.k8s.io/v1, creates and patches, 1 and 8
//   in flight, on client-node 2.0 and 1.4, over TLS with a bearer token: kube-record's events/s and CPU µs
//   per written event against a bare keep-alive node:https client's, the recording process measured alone:
//   {"workload":"X-core-patch-8-cn2","api":"core","op":"patch","clientNode":"2.0","sinkConcurrency":8,"events":…,
//    "eventsPerSec":…,"cpuUsPerEvent":…,"bareEventsPerSec":…,"bareCpuUsPerEvent":…,"ceilingRatio":…,"cpuRatio":…}
//   `-- --write-cost` runs only these rows (KUBE_RECORD_BENCH_LINES=2,1 and KUBE_RECORD_BENCH_ROUNDS=7 by default).
// New measurements go in a module of their own, composed in main() below, with their own JSON objects.
import { KUBE_APISERVER_V1_32 } from './apiserver-model.js';
import { MODEL_PREFIX, runHttp, runWriteCost, type HttpResult } from './http.js';
import { runMemory, type MemoryResult } from './memory.js';
import { runWorkload, type WorkloadResult } from './throughput.js';
import { WORKLOADS } from './workloads.js';
import type { WriteCostRow } from './write-cost.js';

function printThroughput(results: readonly WorkloadResult[]): void {
  console.log('workload  objects   events  events/s  eventf p50  eventf p99  writes  dropped');
  for (const r of results) {
    console.log(
      `${r.workload.padEnd(8)}  ${String(r.objects).padStart(7)}  ${String(r.events).padStart(7)}  ${String(r.eventsPerSec).padStart(8)}  ` +
        `${(r.eventfP50Ns / 1000).toFixed(2).padStart(7)} µs  ${(r.eventfP99Ns / 1000).toFixed(2).padStart(7)} µs  ${String(r.writes).padStart(6)}  ${String(r.dropped).padStart(7)}`,
    );
  }
}

function printMemory(r: MemoryResult): void {
  console.log(`\nworkload  objects   events  retained heap  dropped`);
  console.log(
    `${r.workload.padEnd(8)}  ${String(r.objects).padStart(7)}  ${String(r.events).padStart(7)}  ${r.retainedHeapMB.toFixed(2).padStart(10)} MB  ${String(r.dropped).padStart(7)}`,
  );
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  if (process.argv.includes('--write-cost')) {
    const rows = await runWriteCost();
    if (json) for (const r of rows) console.log(JSON.stringify(r));
    else printWriteCost(rows);
    return;
  }
  // One warm-up pass so the JIT has compiled the hot path before we measure.
  await runWorkload({ name: 'warmup', objects: 500, events: 50_000 });
  const throughput: WorkloadResult[] = [];
  for (const w of WORKLOADS) throughput.push(await runWorkload(w));
  const memory = await runMemory();
  const http = await runHttp();
  const writeCost = await runWriteCost();
  if (json) {
    for (const r of [...throughput, memory, ...http, ...writeCost]) console.log(JSON.stringify(r));
    return;
  }
  console.log(`kube-record bench — node ${process.version}, ${new Date().toISOString()}`);
  printThroughput(throughput);
  printMemory(memory);
  printHttp(http);
  printWriteCost(writeCost);
}

function printWriteCost(rows: readonly WriteCostRow[]): void {
  console.log('\nWrite cost (TLS + bearer token, server in its own process; bare = keep-alive node:https client, same requests)');
  console.log('workload               events  events/s  CPU µs/ev  bare ev/s  bare µs/ev  ev/s ratio  CPU ratio');
  for (const r of rows) {
    console.log(
      `${r.workload.padEnd(21)}  ${String(r.events).padStart(6)}  ${String(r.eventsPerSec).padStart(8)}  ${String(r.cpuUsPerEvent).padStart(9)}  ` +
        `${String(r.bareEventsPerSec).padStart(9)}  ${String(r.bareCpuUsPerEvent).padStart(10)}  ${r.ceilingRatio.toFixed(2).padStart(10)}  ${r.cpuRatio.toFixed(2).padStart(9)}`,
    );
  }
}

function printHttp(results: readonly HttpResult[]): void {
  // `of S`: an H row's events/s as a share of the bare client's (S row) at the same concurrency.
  const table = (title: string, rows: readonly HttpResult[]): void => {
    console.log(`\n${title}`);
    console.log('workload    events  objects  concurrency  events/s     of S  API calls');
    for (const r of rows) {
      const ofS = r.ceilingRatio === undefined ? '' : `${(r.ceilingRatio * 100).toFixed(1)} %`;
      console.log(
        `${r.workload.padEnd(10)}  ${String(r.events).padStart(6)}  ${String(r.objects).padStart(7)}  ${String(r.sinkConcurrency ?? '').padStart(11)}  ` +
          `${String(r.eventsPerSec ?? '').padStart(8)}  ${ofS.padStart(7)}  ${String(r.apiCalls).padStart(9)}`,
      );
    }
  };
  const { latencyMs, ratePerSec } = KUBE_APISERVER_V1_32;
  table('HTTP (in-memory API server in a child process, client-node)', results.filter((r) => !r.workload.startsWith(MODEL_PREFIX)));
  table(
    `HTTP against the kube-apiserver model (event writes held ${latencyMs} ms, at most ${ratePerSec}/s; K-S bare client, K-H kube-record)`,
    results.filter((r) => r.workload.startsWith(MODEL_PREFIX)),
  );
}

await main();
