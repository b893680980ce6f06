// client-node's ListWatch informer with a stop() that really stops. In client-node 2.0.1 a stop() that
// lands while the informer lists, connects or waits to reconnect still opens a new watch afterwards.
import { ListWatch, Watch, type KubeConfig, type KubernetesObject, type ListPromise } from '@kubernetes/client-node';
import type { Sleep } from '../../src/index.js';
import { realSleep } from './sleep.js';

/**
 * A `Watch` that refuses to open connections once stopped and aborts the ones it opened. `ListWatch`
 * calls `watch()` again after a list, a reconnect delay or a server-side close without checking whether
 * it was stopped meanwhile; this is where that call is turned away.
 */
class StoppableWatch extends Watch {
  readonly #stopped = new AbortController();
  readonly #open = new Set<AbortController>();

  /** Aborted by {@link StoppableWatch.stop}; the informer's reconnect delay ends on it. */
  get signal(): AbortSignal {
    return this.#stopped.signal;
  }

  override async watch(...args: Parameters<Watch['watch']>): Promise<AbortController> {
    if (this.#stopped.signal.aborted) return refused();
    const controller = await super.watch(...args);
    // stop() may have run while the request was connecting: the connection must not outlive it.
    if (this.#stopped.signal.aborted) {
      controller.abort();
      return controller;
    }
    // A request that failed comes back already aborted: nothing to track.
    if (controller.signal.aborted) return controller;
    this.#open.add(controller);
    controller.signal.addEventListener('abort', () => this.#open.delete(controller), { once: true });
    return controller;
  }

  stop(): void {
    this.#stopped.abort();
    for (const controller of [...this.#open]) controller.abort();
  }
}

/** An already aborted request handle: ListWatch stores it and, with no callback ever called, goes idle. */
function refused(): AbortController {
  const controller = new AbortController();
  controller.abort();
  return controller;
}

/** What {@link makeStoppableInformer} returns: client-node's informer, and the stop to use instead of its own. */
export interface StoppableInformer<T extends KubernetesObject> {
  /** The informer: `on`/`off` handlers, `start()` (also to restart after an `error`), its cache. */
  readonly informer: ListWatch<T>;
  /** Stops the informer for good: no list or watch is started afterwards and the open watch is closed. */
  stop(): Promise<void>;
}

/** Options of {@link makeStoppableInformer}. */
export interface StoppableInformerOptions<T extends KubernetesObject> {
  readonly kubeConfig: KubeConfig;
  /** Watch path, e.g. `/api/v1/namespaces/default/configmaps`. */
  readonly path: string;
  /** The list call that matches `path` and `labelSelector`. */
  readonly list: ListPromise<T>;
  /** Label selector, sent with every watch request. */
  readonly labelSelector?: string;
  /** How the informer waits before reconnecting after the server closed a watch. Default: real timers. */
  readonly sleep?: Sleep;
}

/**
 * Builds the informer `makeInformer` would (a `ListWatch`, not started), with a reconnect delay that
 * ends when stopped (client-node's default is a plain timer of up to 30 s that keeps the process
 * alive) and a stop that also covers the races described above.
 *
 * @example
 * ```ts
 * const { informer, stop } = makeStoppableInformer({
 *   kubeConfig, path: '/api/v1/configmaps', list: () => core.listConfigMapForAllNamespaces(),
 * });
 * informer.on('add', (cm) => console.log(cm.metadata?.name));
 * await informer.start();
 * await stop();
 * ```
 */
export function makeStoppableInformer<T extends KubernetesObject>(options: StoppableInformerOptions<T>): StoppableInformer<T> {
  const watch = new StoppableWatch(options.kubeConfig);
  const sleep = options.sleep ?? realSleep;
  const informer = new ListWatch<T>(options.path, watch, options.list, false, options.labelSelector, undefined, {
    delayFn: (ms) => sleep(ms, watch.signal),
  });
  return {
    informer,
    stop: async () => {
      watch.stop();
      await informer.stop();
    },
  };
}
