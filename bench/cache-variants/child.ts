// One process of bench/caches.ts: W1–W3 `runs` times each on whatever cache register.ts put in place,
// printed as one JSON line: {"cache":…,"W1":[events/s…],"W2":[…],"W3":[…]}.
import { BoundedCache } from '../../src/record/bounded-cache.js';
import { runWorkload } from '../throughput.js';
import { WORKLOADS } from '../workloads.js';

const runs = Number(process.argv[2] ?? 3);
// The shipped cache has no label: it is lru-cache.
const cache = (BoundedCache as { label?: string }).label ?? 'lru-cache';
await runWorkload({ name: 'warmup', objects: 500, events: 50_000 });
const result: Record<string, number[] | string> = { cache };
for (const w of WORKLOADS) result[w.name] = [];
for (let i = 0; i < runs; i++) {
  for (const w of WORKLOADS) (result[w.name] as number[]).push((await runWorkload(w)).eventsPerSec);
}
console.log(JSON.stringify(result));
