// The public surface of the test API server: its options and the handle startTestApiServer returns.
import type { KubeConfig } from '@kubernetes/client-node';
import type { TokenIdentity } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { JsonObject } from './json.js';
import type { NamespaceFinalization } from './namespace-lifecycle.js';
import type { RecordedRequest } from './request-log.js';

/**
 * A source of the current time (creationTimestamp, deletionTimestamp).
 *
 * @category Testing
 */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/**
 * Options of {@link startTestApiServer}.
 *
 * @category Testing
 */
export interface TestApiServerOptions {
  /**
   * Bearer tokens the server accepts. When set, an unknown token gets 401, a non-admin user gets RBAC's
   * 403 for every resource request, and a request without a token is `system:anonymous` (see
   * `anonymousAuth`). When omitted, authentication is off and every request is served.
   */
  readonly tokens?: Readonly<Record<string, TokenIdentity>> | undefined;
  /**
   * With `tokens`: serve requests without credentials as `system:anonymous`, as kube-apiserver does by
   * default (`--anonymous-auth=true`) — 403 `User "system:anonymous" cannot list resource "events" …` for
   * resources, 200 for `/version` and the health checks. `false` answers them 401 instead. Default true.
   */
  readonly anonymousAuth?: boolean;
  /**
   * What happens to a deleted namespace: `'manual'` (default) leaves it Terminating until
   * {@link TestApiServer.finalizeNamespace} (a cluster without kube-controller-manager);
   * `'immediate'` removes it and its content right after the DELETE is answered.
   */
  readonly namespaceFinalization?: NamespaceFinalization | undefined;
  /** Clock for timestamps the server sets. Defaults to the system clock. */
  readonly clock?: Clock | undefined;
  /** Serve events.k8s.io/v1 (default true). When false it is absent from discovery and its paths 404. */
  readonly eventsV1?: boolean | undefined;
  /** Interval of BOOKMARK events on watches that allow them (default 1000 ms). */
  readonly bookmarkIntervalMs?: number | undefined;
  /** Changes kept per resource for watches resuming from a resourceVersion (default 1000); older ones get 410 Expired. */
  readonly watchCacheSize?: number | undefined;
  /** Most recent requests kept by {@link TestApiServer.requests} (default 100000). */
  readonly requestLogLimit?: number | undefined;
}

/**
 * Restricts a snapshot to one namespace.
 *
 * @category Testing
 */
export interface NamespaceFilter {
  /** Only objects of this namespace; all namespaces when omitted. */
  readonly namespace?: string | undefined;
}

/**
 * A running in-memory Kubernetes API server.
 *
 * @category Testing
 */
export interface TestApiServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * A KubeConfig for this server: cluster `test`, context `test`, namespace `default`, and the token
   * of the first admin (or else the first) configured user when token auth is on.
   */
  readonly kubeConfig: KubeConfig;
  /** A KubeConfig that authenticates with `token` (to exercise 401/403 paths). */
  kubeConfigFor(token: string): KubeConfig;
  /** Stored events as core/v1 Events (kind/apiVersion included), in key order. */
  events(filter?: NamespaceFilter): JsonObject[];
  /** The same stored events as events.k8s.io/v1 Events. */
  eventsV1(filter?: NamespaceFilter): JsonObject[];
  /** Every request answered so far, oldest first (fault answers and dropped connections included). */
  requests(): RecordedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Fault injection. */
  readonly faults: FaultInjector;
  /**
   * Finishes the deletion of a Terminating namespace: deletes everything in it, then the namespace
   * (with DELETED watch events), as the namespace controller would. Throws if it is not terminating;
   * returns false if it does not exist.
   */
  finalizeNamespace(name: string): boolean;
  /** Closes the server, all connections and watches, and clears its timers. Idempotent. */
  stop(): Promise<void>;
}
