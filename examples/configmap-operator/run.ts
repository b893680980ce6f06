// Wiring of a real deployment: createEventRecorder (events.k8s.io/v1, else core/v1) → operator, and the loop
// that runs it until SIGINT/SIGTERM, then flushes the recorder and lets the process exit by itself.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  createConsoleLogger,
  createEventRecorder,
  type EventBroadcasterStats,
  type EventsApiGroup,
  type EventsV1BroadcasterStats,
  type Logger,
} from 'kube-record';
import { describeError } from './describe-error.js';
import { startConfigMapOperator, type ConfigMapOperator } from './operator.js';
import { formatStatsSummary } from './report.js';
import { seedDemoConfigMaps } from './seed.js';

/** `reportingController` / `source.component` of the events, and the log prefix. */
export const COMPONENT = 'configmap-operator';
/**
 * How long shutdown keeps writing queued events, in ms: well inside Kubernetes' default 30 s
 * termination grace period, so a flush that cannot finish is abandoned (and counted) before SIGKILL.
 */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/**
 * Extra time after the flush deadline before a hung shutdown is cut short with exit code 1, in ms. The
 * Deployment's `terminationGracePeriodSeconds` must exceed SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS.
 */
export const HARD_EXIT_MARGIN_MS = 5_000;

/** Counters of whichever broadcaster discovery picked. */
export type RecordingStats = EventBroadcasterStats | EventsV1BroadcasterStats;

/** Options of {@link startRecordingOperator}. */
export interface RecordingOperatorOptions {
  /** The cluster to watch and to write events to. */
  readonly kubeConfig: KubeConfig;
  /** Operational log of the operator and of kube-record. */
  readonly logger: Logger;
  /** Only watch this namespace. Default: all namespaces. */
  readonly namespace?: string;
  /**
   * Event API group. `'auto'` (default) asks discovery once: events.k8s.io/v1 when served, else core/v1.
   * The demo passes `'v1'` to show core/v1's correlator (dedupe counts, aggregation, spam filter).
   */
  readonly api?: EventsApiGroup | 'auto';
  /** `reportingInstance` (core/v1: `source.host`): the pod name in a cluster. Default `<component>-<hostname>`. */
  readonly reportingInstance?: string;
}

/** A started operator with its recorder pipeline. */
export interface RecordingOperator {
  /** The group events are written to. */
  readonly api: EventsApiGroup;
  readonly operator: ConfigMapOperator;
  /** The broadcaster's counters now. */
  stats(): RecordingStats;
  /** Stops the operator, then flushes queued events (at most `timeoutMs`, default 10 000). */
  stop(timeoutMs?: number): Promise<{ readonly completed: boolean; readonly stats: RecordingStats }>;
}

/**
 * Starts the operator with events written to the cluster in `kubeConfig` through the broadcaster and
 * recorder of `createEventRecorder` (one per process). The order of `stop()` matters: the operator first
 * (no new events), then the broadcaster (flush what is queued).
 *
 * @throws EventsApiDiscoveryError (as a rejection) when `api` is `'auto'` and the server cannot be asked.
 * @example
 * ```ts
 * const running = await startRecordingOperator({ kubeConfig, logger: createConsoleLogger('configmap-operator') });
 * await running.operator.ready;
 * const { stats } = await running.stop();
 * ```
 */
export async function startRecordingOperator(options: RecordingOperatorOptions): Promise<RecordingOperator> {
  const { kubeConfig, logger, namespace, api = 'auto', reportingInstance } = options;
  const setup = await createEventRecorder(kubeConfig, {
    component: COMPONENT,
    logger,
    api,
    ...(reportingInstance !== undefined ? { reportingInstance } : {}),
  });
  const operator = startConfigMapOperator({ kubeConfig, recorder: setup.recorder, logger, ...(namespace !== undefined ? { namespace } : {}) });
  return {
    api: setup.api,
    operator,
    stats: () => setup.broadcaster.stats(),
    stop: async (timeoutMs = SHUTDOWN_TIMEOUT_MS) => {
      await operator.stop();
      return setup.broadcaster.shutdown({ timeoutMs });
    },
  };
}

/** The first SIGINT or SIGTERM, and a way to stop listening for it. */
interface SignalWait {
  readonly received: Promise<NodeJS.Signals>;
  dispose(): void;
}

/** Listens for the first SIGINT or SIGTERM; after it, a second signal gets Node's default (exit at once). */
function nextSignal(): SignalWait {
  let on: (signal: NodeJS.Signals) => void = () => undefined;
  const dispose = (): void => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    on = (signal) => {
      dispose();
      resolve(signal);
    };
  });
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return { received, dispose };
}

/** Options of {@link runUntilSignal}. */
export interface RunOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace?: string;
  /** Write the demo ConfigMaps once the operator is ready. */
  readonly seed: boolean;
  /** `reportingInstance` of the events: `POD_NAME` from the downward API in a cluster. */
  readonly reportingInstance?: string;
  /** Default: console lines prefixed `configmap-operator:`. */
  readonly logger?: Logger;
}

/**
 * Runs the operator against a cluster until SIGINT/SIGTERM; with `seed`, writes the demo ConfigMaps
 * into `namespace` (else the context's namespace) once the operator is ready. Resolves 0 after a clean
 * shutdown (the process then exits on its own), 1 when it could not start (the cause is logged). A
 * shutdown that hangs past the flush deadline exits the process with code 1.
 */
export async function runUntilSignal(options: RunOptions): Promise<number> {
  const { kubeConfig, namespace, seed, reportingInstance } = options;
  const logger = options.logger ?? createConsoleLogger(COMPONENT);
  const signal = nextSignal();
  let running: RecordingOperator;
  try {
    running = await startRecordingOperator({
      kubeConfig,
      logger,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(reportingInstance !== undefined ? { reportingInstance } : {}),
    });
  } catch (error) {
    signal.dispose();
    logger.error('Start failed', { error: describeError(error) });
    return 1;
  }
  logger.info('Started', { cluster: kubeConfig.getCurrentCluster()?.server, namespace: namespace ?? '(all)', api: running.api });

  const first = await Promise.race([running.operator.ready.then(() => 'ready' as const), signal.received]);
  if (first === 'ready') {
    logger.info('Watching ConfigMaps; press Ctrl-C to stop');
    if (seed) {
      const seedNamespace = namespace ?? (kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace || 'default');
      await seedDemoConfigMaps(kubeConfig.makeApiClient(CoreV1Api), seedNamespace).then(
        () => logger.info('Seeded the demo ConfigMaps', { namespace: seedNamespace }),
        (error: unknown) => logger.error('Seeding failed', { error: describeError(error) }),
      );
    }
  }
  const received = await signal.received;

  logger.info('Shutting down', { signal: received });
  const guard = setTimeout(() => {
    logger.error('Shutdown hung, exiting', { afterMs: SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS });
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS);
  // Unreferenced: the guard must not be what keeps a finished process alive.
  guard.unref();
  const { completed, stats } = await running.stop();
  clearTimeout(guard);
  logger.info(completed ? 'Stopped' : 'Stopped, some events were abandoned', { summary: formatStatsSummary(stats) });
  return 0;
}
