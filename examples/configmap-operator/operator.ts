// The ConfigMap operator: an informer on labelled ConfigMaps that validates each version it sees and
// reports the outcome as a Kubernetes Event through a kube-record EventRecorder.
import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import type { EventRecorder, Logger, Sleep } from '../../src/index.js';
import { realSleep } from './sleep.js';
import { makeStoppableInformer } from './informer.js';
import { validateConfigMap, VALIDATE_SELECTOR } from './validate.js';

/** First wait before restarting a failed watch, in ms; doubled per consecutive failure. */
export const DEFAULT_INITIAL_BACKOFF_MS = 1_000;
/** Longest wait between restarts, in ms: client-node's own reconnect cap. */
export const DEFAULT_MAX_BACKOFF_MS = 30_000;

/** Options of {@link startConfigMapOperator}. */
export interface ConfigMapOperatorOptions {
  /** Cluster to watch; the recorder's sink usually writes to the same one. */
  readonly kubeConfig: KubeConfig;
  /** Where `Validated` / `MissingKeys` events go. */
  readonly recorder: EventRecorder;
  /** Operational log: state changes, deletions, watch restarts. */
  readonly logger: Logger;
  /** Only watch this namespace. Default: all namespaces (needs cluster-wide list/watch rights). */
  readonly namespace?: string;
  /** First restart delay after a watch error, in ms. Default 1000. */
  readonly initialBackoffMs?: number;
  /** Cap of the restart delay, in ms. Default 30 000. */
  readonly maxBackoffMs?: number;
  /** How restart delays wait. Default: real timers, cut short by `stop()`. */
  readonly sleep?: Sleep;
}

/** A running operator. */
export interface ConfigMapOperator {
  /**
   * Resolves once the initial list has been handled and the watch is open; ConfigMaps written after
   * that are seen. Rejects if `stop()` is called first.
   */
  readonly ready: Promise<void>;
  /** Stops the informer (closing its watch) and any pending restart. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the operator: watches ConfigMaps labelled `kube-record.dev/validate=true`, checks the keys
 * listed in their `kube-record.dev/required-keys` annotation, and records `Normal Validated` or
 * `Warning MissingKeys` on every add and update. Repeats are left to kube-record, which turns them into
 * count patches and aggregates a message that keeps changing. Deletions record nothing. A failed watch
 * is restarted with exponential backoff.
 *
 * @example
 * ```ts
 * const operator = startConfigMapOperator({ kubeConfig, recorder, logger: createConsoleLogger('configmap-operator') });
 * await operator.ready;
 * // … on SIGTERM:
 * await operator.stop();
 * await broadcaster.shutdown({ timeoutMs: 10_000 });
 * ```
 */
export function startConfigMapOperator(options: ConfigMapOperatorOptions): ConfigMapOperator {
  const { kubeConfig, recorder, logger, namespace } = options;
  const sleep = options.sleep ?? realSleep;
  const initialBackoffMs = options.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const labelSelector = VALIDATE_SELECTOR;
  const { informer, stop: stopInformer } = makeStoppableInformer<V1ConfigMap>({
    kubeConfig,
    labelSelector,
    sleep,
    path: namespace === undefined ? '/api/v1/configmaps' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`,
    list: () =>
      namespace === undefined ? core.listConfigMapForAllNamespaces({ labelSelector }) : core.listNamespacedConfigMap({ namespace, labelSelector }),
  });

  const stopping = new AbortController();
  // Last validity per namespace/name, so the log shows changes rather than one line per update.
  const lastValid = new Map<string, boolean>();

  const reconcile = (raw: V1ConfigMap): void => {
    if (stopping.signal.aborted) return;
    // List items (and some watch streams) carry no apiVersion/kind; the recorder needs both to build
    // the event's involvedObject, and would otherwise drop the event with a MissingTypeMeta error.
    const configMap: V1ConfigMap = { ...raw, apiVersion: 'v1', kind: 'ConfigMap' };
    const key = keyOf(configMap);
    const result = validateConfigMap(configMap);
    if (result.valid) {
      recorder.eventf(configMap, 'Normal', 'Validated', 'all %d required keys present', result.required.length);
    } else {
      recorder.eventf(configMap, 'Warning', 'MissingKeys', 'missing required keys: %v', result.missing);
    }
    const fields = { configMap: key, resourceVersion: configMap.metadata?.resourceVersion, missing: result.missing.join(',') };
    // Info only when validity flips (or on first sight): an update storm must not flood the log.
    if (lastValid.get(key) === result.valid) logger.debug('ConfigMap revalidated', fields);
    else logger.info(result.valid ? 'ConfigMap valid' : 'ConfigMap invalid', fields);
    lastValid.set(key, result.valid);
  };

  const forget = (configMap: V1ConfigMap): void => {
    if (stopping.signal.aborted) return;
    const key = keyOf(configMap);
    lastValid.delete(key);
    logger.info('ConfigMap deleted (or unlabelled), forgetting it', { configMap: key });
  };

  // The informer reports a failed list or watch once and then stays idle until start() is called
  // again; the run loop below is what restarts it.
  let failure: { readonly error: unknown } | undefined;
  let onFailure: (() => void) | undefined;
  const onError = (error: unknown): void => {
    // Stopping aborts the open watch, which the informer reports as an error too.
    if (stopping.signal.aborted) return;
    failure ??= { error };
    onFailure?.();
  };
  const failedOrStopped = (): Promise<void> =>
    new Promise((resolve) => {
      if (failure !== undefined || stopping.signal.aborted) return resolve();
      const done = (): void => {
        onFailure = undefined;
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      onFailure = done;
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  informer.on('add', reconcile);
  informer.on('update', reconcile);
  informer.on('delete', forget);
  informer.on('error', onError);

  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Callers that never await `ready` must not get an unhandled rejection when stopping early.
  ready.catch(() => undefined);

  const run = async (): Promise<void> => {
    let backoffMs = initialBackoffMs;
    while (!stopping.signal.aborted) {
      failure = undefined;
      try {
        // Resolves once the list is handled and the watch is open, or once a failure was reported.
        await informer.start();
      } catch (error) {
        // start() throws only before any request (no current cluster, credential plugin failure).
        failure ??= { error };
      }
      if (failure === undefined && !stopping.signal.aborted) {
        resolveReady();
        // Healthy again: the next failure starts the backoff from the beginning.
        backoffMs = initialBackoffMs;
        await failedOrStopped();
      }
      if (stopping.signal.aborted) return;
      logger.warn('ConfigMap watch failed, restarting', { error: describeError(failure?.error), delayMs: backoffMs });
      await sleep(backoffMs, stopping.signal);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  };
  run().catch((error: unknown) => logger.error('ConfigMap operator loop failed', { error: describeError(error) }));

  let stopped: Promise<void> | undefined;
  return {
    ready,
    stop: () => {
      stopped ??= (async () => {
        stopping.abort();
        rejectReady(new Error('ConfigMap operator stopped before it was ready'));
        // Not waiting for the run loop: a list request in flight cannot be aborted (client-node takes no
        // signal for it) and may take long; its answer is ignored and opens no watch.
        await stopInformer();
        informer.off('add', reconcile);
        informer.off('update', reconcile);
        informer.off('delete', forget);
        informer.off('error', onError);
      })();
      return stopped;
    },
  };
}

function keyOf(configMap: V1ConfigMap): string {
  return `${configMap.metadata?.namespace ?? ''}/${configMap.metadata?.name ?? ''}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
