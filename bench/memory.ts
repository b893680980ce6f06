// Retained heap (workload M1): what a live broadcaster still holds after 1 000 000 events over 100 000
// objects. The correlator's LRU caches should bound it, whatever the number of objects.
import { drive, droppedCount, newPipeline } from './pipeline.js';
import { makePods, type Workload } from './workloads.js';

/** The memory workload: many more objects than the caches' 4096 entries, so they must evict. */
export const MEMORY_WORKLOAD: Workload = { name: 'M1', objects: 100_000, events: 1_000_000 };

/** The `--json` object of the memory measurement. */
export interface MemoryResult {
  workload: string;
  events: number;
  objects: number;
  /** Heap after the run minus heap before it, both after a full GC, in MB (10⁶ bytes). */
  retainedHeapMB: number;
  dropped: number;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench/memory needs a GC hook: run node with --expose-gc (npm run bench does)');
  // Twice: the first pass may only clear weak references that the second can then collect.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function runMemory(w: Workload = MEMORY_WORKLOAD): Promise<MemoryResult> {
  // The objects exist before the baseline: they are the caller's, not the recorder's.
  const pods = makePods(w.objects);
  const before = heapAfterGc();
  const pipeline = newPipeline();
  await drive(pipeline, pods, w.events);
  const after = heapAfterGc();
  const dropped = droppedCount(pipeline);
  await pipeline.broadcaster.shutdown();
  return {
    workload: w.name,
    events: w.events,
    objects: w.objects,
    retainedHeapMB: Math.round((after - before) / 1e4) / 100,
    dropped,
  };
}
