// `npm run demo`: the ConfigMap operator against the in-memory API server, seeded with demo ConfigMaps,
// ending with the recorded events as `kubectl get events` shows them. With a kubeconfig: a real cluster.
import { CoreV1Api } from '@kubernetes/client-node';
import { createConsoleLogger } from 'kube-record';
import { startTestApiServer } from 'kube-record/testing';
import { clusterGiven, parseCliOptions, USAGE, type CliOptions } from './configmap-operator/args.js';
import { runCli } from './configmap-operator/cli.js';
import { formatEventsTable, formatStatsSummary, pendingWrites } from './configmap-operator/report.js';
import { COMPONENT, startRecordingOperator, type RecordingOperator } from './configmap-operator/run.js';
import { seedDemoConfigMaps } from './configmap-operator/seed.js';

const NAMESPACE = 'default';
/** The demo's whole run is a few seconds; past this something hangs, and the demo says so and exits 1. */
const HARD_TIMEOUT_MS = 20_000;
/** The operator counts as caught up once no event was recorded for this long, in ms. */
const QUIET_MS = 300;
/** Longest wait for the operator to catch up with the seeded writes, in ms. */
const SETTLE_LIMIT_MS = 3_000;
/** Flush deadline of the broadcaster at the end of the demo, in ms. */
const FLUSH_TIMEOUT_MS = 5_000;

/** Waits until the recorder has taken no event for QUIET_MS and nothing is queued (or SETTLE_LIMIT_MS passed). */
async function settled(running: RecordingOperator): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const stats = running.stats();
    const pending = pendingWrites(stats);
    if (stats.accepted !== last || pending > 0) {
      last = stats.accepted;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function inMemoryDemo(): Promise<void> {
  let phase = 'starting the API server';
  // Unreferenced: it fires only if something (a leaked socket, timer or watch) keeps the process alive.
  setTimeout(() => {
    console.error(`demo: still running after ${HARD_TIMEOUT_MS} ms (while ${phase}): something did not shut down`);
    process.exit(1);
  }, HARD_TIMEOUT_MS).unref();

  const api = await startTestApiServer();
  console.log(`In-memory API server at ${api.url}`);
  const logger = createConsoleLogger(COMPONENT);
  phase = 'starting the operator';
  // core/v1 on purpose: its correlator is what the demo shows (dedupe counts, aggregation, spam filter).
  // The deployed operator lets discovery choose, which on any current cluster is events.k8s.io/v1.
  const running = await startRecordingOperator({ kubeConfig: api.kubeConfig, logger, namespace: NAMESPACE, api: 'v1' });
  try {
    phase = 'waiting for the operator';
    await running.operator.ready;

    phase = 'seeding ConfigMaps';
    console.log(`Seeding ConfigMaps in namespace ${NAMESPACE} (one of them updated 30 times)`);
    const core = api.kubeConfig.makeApiClient(CoreV1Api);
    await seedDemoConfigMaps(core, NAMESPACE);
    phase = 'letting the operator catch up';
    await settled(running);

    phase = 'stopping the operator and flushing events';
    const { stats } = await running.stop(FLUSH_TIMEOUT_MS);
    phase = 'reading events';
    const events = (await core.listNamespacedEvent({ namespace: NAMESPACE })).items;
    console.log(`\nkubectl get events -n ${NAMESPACE} --sort-by=.lastTimestamp\n`);
    console.log(formatEventsTable(events, new Date()));
    console.log(`\n${formatStatsSummary(stats)}`);
  } finally {
    // Also on failure, so that an error exits at once instead of waiting for the hard timeout.
    phase = 'shutting down';
    await running.stop(FLUSH_TIMEOUT_MS);
    await api.stop();
  }
  phase = 'exiting (a handle is still open)';
}

const argv = process.argv.slice(2);
const io = { stdout: (line: string) => console.log(line), stderr: (line: string) => console.error(line), env: process.env };
let options: CliOptions | undefined;
try {
  options = parseCliOptions(argv);
} catch {
  // The same one-line report and exit code as the operator's own command line.
  process.exitCode = await runCli(argv, io);
}
if (options?.help === true) {
  console.log(`Usage: npm run demo -- [options]\nWithout a kubeconfig the demo runs against an in-memory API server.\n${USAGE}`);
} else if (options !== undefined && clusterGiven(options, process.env)) {
  process.exitCode = await runCli(argv, io);
} else if (options !== undefined) {
  await inMemoryDemo();
}
