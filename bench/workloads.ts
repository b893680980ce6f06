// The benchmark workloads (issue "Performance"): 200 000 eventf calls over N pods, 5 reasons, 12 message
// variants, defined exactly as the client-go measurement so the figures compare.

/** The reasons cycled through, one per pass over the objects. */
export const REASONS = ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'] as const;

export interface Workload {
  readonly name: string;
  readonly objects: number;
  readonly events: number;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'W1', objects: 2000, events: 200_000 },
  { name: 'W2', objects: 500, events: 200_000 },
  { name: 'W3', objects: 100, events: 200_000 },
];

export interface BenchPod {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string };
}

/** Pods `web-<k>` with uid `uid-<k as 8 digits>`, namespace `default`, resourceVersion `1`. */
export function makePods(n: number): BenchPod[] {
  return Array.from({ length: n }, (_, k) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${k}`, namespace: 'default', uid: `uid-${String(k).padStart(8, '0')}`, resourceVersion: '1' },
  }));
}

/** The arguments of call i: object, reason, and the eventf arguments after the format. */
export function callFor(pods: readonly BenchPod[], i: number): { pod: BenchPod; reason: string; step: number } {
  const n = pods.length;
  const pod = pods[i % n] as BenchPod;
  const reason = REASONS[Math.floor(i / n) % 5] as string;
  const step = Math.floor(i / (n * 5)) % 12;
  return { pod, reason, step };
}
