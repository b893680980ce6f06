// Wiring of a real deployment: broadcaster → CoreV1EventSink → recorder → operator, and the loop that
// runs it until SIGINT/SIGTERM, then flushes the recorder and lets the process exit by itself.
import { hostname } from 'node:os';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  CoreV1EventSink,
  createConsoleLogger,
  EventBroadcaster,
  type Logger,
  type ShutdownResult,
} from '../../src/index.js';
import { startConfigMapOperator, type ConfigMapOperator } from './operator.js';
import { formatStatsSummary } from './report.js';
import { seedDemoConfigMaps } from './seed.js';

/** `source.component` of the events, and the log prefix. */
export const COMPONENT = 'configmap-operator';
/**
 * How long shutdown keeps writing queued events, in ms: well inside Kubernetes' default 30 s
 * termination grace period, so a flush that cannot finish is abandoned (and counted) before SIGKILL.
 */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/** Extra time after the flush deadline before a hung shutdown is cut short with exit code 1, in ms. */
const HARD_EXIT_MARGIN_MS = 5_000;

/** A started operator with its recorder pipeline. */
export interface RecordingOperator {
  readonly broadcaster: EventBroadcaster;
  readonly operator: ConfigMapOperator;
  /** Stops the operator, then flushes queued events (at most `timeoutMs`, default 10 000). */
  stop(timeoutMs?: number): Promise<ShutdownResult>;
}

/**
 * Starts the operator with events written to the cluster in `kubeConfig` through a kube-record
 * broadcaster. The order of `stop()` matters: the operator first (no new events), then the broadcaster
 * (flush what is queued).
 *
 * @example
 * ```ts
 * const running = startRecordingOperator({ kubeConfig, logger: createConsoleLogger('configmap-operator') });
 * await running.operator.ready;
 * const { stats } = await running.stop();
 * ```
 */
export function startRecordingOperator(options: { kubeConfig: KubeConfig; logger: Logger; namespace?: string }): RecordingOperator {
  const { kubeConfig, logger, namespace } = options;
  const broadcaster = new EventBroadcaster({ logger });
  broadcaster.startRecordingToSink(new CoreV1EventSink(kubeConfig), { name: 'api-server' });
  const recorder = broadcaster.newRecorder({ component: COMPONENT, host: hostname() });
  const operator = startConfigMapOperator({ kubeConfig, recorder, logger, ...(namespace !== undefined ? { namespace } : {}) });
  return {
    broadcaster,
    operator,
    stop: async (timeoutMs = SHUTDOWN_TIMEOUT_MS) => {
      await operator.stop();
      return broadcaster.shutdown({ timeoutMs });
    },
  };
}

/** Resolves with the first SIGINT or SIGTERM; after it, a second signal gets Node's default (exit at once). */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Runs the operator against a cluster until SIGINT/SIGTERM; with `seed`, writes the demo ConfigMaps
 * into `seedNamespace` once the operator is ready. Returns after a clean shutdown; the caller's process
 * then exits with code 0 on its own. A shutdown that hangs past the flush deadline exits with code 1.
 */
export async function runUntilSignal(options: {
  kubeConfig: KubeConfig;
  namespace?: string;
  seed: boolean;
}): Promise<void> {
  const { kubeConfig, namespace, seed } = options;
  const logger = createConsoleLogger(COMPONENT);
  const signal = nextSignal();
  const running = startRecordingOperator({ kubeConfig, logger, ...(namespace !== undefined ? { namespace } : {}) });
  logger.info('Started', { cluster: kubeConfig.getCurrentCluster()?.server, namespace: namespace ?? '(all)' });

  const first = await Promise.race([running.operator.ready.then(() => 'ready' as const), signal]);
  if (first === 'ready') {
    logger.info('Watching ConfigMaps; press Ctrl-C to stop');
    if (seed) {
      const seedNamespace = namespace ?? (kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace || 'default');
      await seedDemoConfigMaps(kubeConfig.makeApiClient(CoreV1Api), seedNamespace).then(
        () => logger.info('Seeded the demo ConfigMaps', { namespace: seedNamespace }),
        (error: unknown) => logger.error('Seeding failed', { error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
  const received = await signal;

  logger.info('Shutting down', { signal: received });
  const guard = setTimeout(() => {
    logger.error('Shutdown hung, exiting', { afterMs: SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS });
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS);
  // Unreferenced: the guard must not be what keeps a finished process alive.
  guard.unref();
  const { completed, stats } = await running.stop();
  logger.info(completed ? 'Stopped' : 'Stopped, some events were abandoned', { summary: formatStatsSummary(stats) });
}
