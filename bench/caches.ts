// `npm run bench:caches [-- --json]`: W1–W3 events/s with the correlator's cache swapped for other
// implementations (bench/cache-variants), to show what the cache costs and why W1 stays below 2× client-go
// on lru-cache. Each variant runs in a process of its own (a module hook replaces
// src/record/bounded-cache.js; the pipeline is otherwise the one `npm run bench` measures), two rounds
// alternating the variants, three runs each: the figures are the median of each round.
//   lru-cache        what ships
//   Map, FIFO        a bare Map that forgets its oldest insert: the least any Map-keyed cache does
//   typed-array LRU  a hand-written LRU hash table (not shipped: the correlator runs on lru-cache by design)
//   no cache         keeps nothing: the pipeline without its caches (on W1 every event misses anyway)
// Prints a table, or with --json one object per variant: {"cache":…,"W1":[median, median],"W2":…,"W3":…}
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BoundedCache as FifoMap } from './cache-variants/fifo-map.js';
import { BoundedCache as NoCache } from './cache-variants/no-cache.js';
import { BoundedCache as TypedArrayLru } from './cache-variants/typed-array-lru.js';
import { percentile } from './throughput.js';
import { WORKLOADS } from './workloads.js';

/** Variant files in bench/cache-variants ('' = the shipped cache) and the label their process must report. */
const VARIANTS = [
  { file: '', label: 'lru-cache' },
  { file: 'fifo-map', label: FifoMap.label },
  { file: 'typed-array-lru', label: TypedArrayLru.label },
  { file: 'no-cache', label: NoCache.label },
] as const;
const ROUNDS = 2;
const RUNS = 3;

interface ChildResult {
  readonly cache: string;
  readonly [workload: string]: number[] | string;
}

function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 0.5);
}

function runChild(variant: string): ChildResult {
  const register = fileURLToPath(new URL('./cache-variants/register.js', import.meta.url));
  const child = fileURLToPath(new URL('./cache-variants/child.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', register, child, String(RUNS)], {
    env: { ...process.env, KUBE_RECORD_BENCH_CACHE: variant },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult;
}

function main(): void {
  const json = process.argv.includes('--json');
  const rows = new Map<string, Map<string, number[]>>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const result = runChild(variant.file);
      // A hook that did not apply would measure lru-cache under another name.
      if (result.cache !== variant.label) throw new Error(`cache variant ${variant.file || '(shipped)'} ran as ${result.cache}`);
      const row = rows.get(result.cache) ?? new Map<string, number[]>();
      for (const w of WORKLOADS) row.set(w.name, [...(row.get(w.name) ?? []), median(result[w.name] as number[])]);
      rows.set(result.cache, row);
    }
  }
  if (json) {
    for (const [cache, row] of rows) console.log(JSON.stringify({ cache, ...Object.fromEntries(row) }));
    return;
  }
  console.log(`kube-record cache bench — node ${process.version}: W1–W3 events/s, median of ${RUNS} runs per round, ${ROUNDS} rounds`);
  console.log(`cache              ${WORKLOADS.map((w) => w.name.padStart(20)).join('')}`);
  for (const [cache, row] of rows) {
    const cells = WORKLOADS.map((w) => {
      const values = [...(row.get(w.name) ?? [])].sort((a, b) => a - b);
      return `${values[0] ?? 0} – ${values[values.length - 1] ?? 0}`.padStart(20);
    });
    console.log(`${cache.padEnd(17)}  ${cells.join('')}`);
  }
}

main();
