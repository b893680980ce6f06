// startTestApiServer: the node:http server — per-request pipeline (log, faults, authn, authz, routing to
// discovery or a resource handler), keep-alive, and a stop() that leaves no sockets, watches or timers.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate, authorize } from './auth.js';
import { configMapsView, type ConfigMap } from './configmap-view.js';
import { apiGroup, apiGroupList, apiVersions, resourceList, VERSION_INFO } from './discovery.js';
import type { InternalEvent } from './event-model.js';
import { coreEventsView, eventsV1View } from './event-views.js';
import { faultStatus, Faults } from './faults.js';
import type { JsonObject, JsonValue } from './json.js';
import { makeKubeConfig } from './kubeconfig.js';
import { NamespaceLifecycle } from './namespace-lifecycle.js';
import { NAMESPACE_NAME_LABEL, namespacesView, type Namespace } from './namespace-view.js';
import { createResourceHandler, type ApiRequest, type HandlerDeps, type JsonResponse, type ResourceHandler } from './rest-handler.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import { RequestLog, type ApiKind, type RecordedRequest } from './request-log.js';
import type { ResourceView } from './resource-view.js';
import { StatusError, internalError, pathNotFound } from './status.js';
import { ObjectStore, RevisionCounter, type StoredObject } from './store.js';
import { formatTime } from './go-time.js';
import type { TestApiServer, TestApiServerOptions } from './types.js';
import type { KubeConfig } from '@kubernetes/client-node';

const EVENTS_GROUP = 'events.k8s.io';

interface Sleep {
  readonly timer: NodeJS.Timeout;
  readonly resolve: () => void;
}

class TestApiServerImpl implements TestApiServer {
  readonly faults = new Faults();
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #watches = new Set<{ close(): void }>();
  readonly #sleeps = new Set<Sleep>();
  readonly #log: RequestLog;
  readonly #tokens: TestApiServerOptions['tokens'];
  readonly #anonymousAuth: boolean;
  readonly #eventsV1: boolean;
  readonly #handlers = new Map<string, ResourceHandler>();
  readonly #coreInfos: ResourceHandler[] = [];
  readonly #eventsInfos: ResourceHandler[] = [];
  readonly #lifecycle: NamespaceLifecycle;
  readonly #coreEvents: ResourceHandler;
  readonly #v1Events: ResourceHandler;
  #url = '';
  #kubeConfig: KubeConfig | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: TestApiServerOptions) {
    const clock = options.clock ?? { now: () => new Date() };
    const now = (): Date => clock.now();
    const revisions = new RevisionCounter();
    const window = options.watchCacheSize ?? 1000;
    this.#log = new RequestLog(options.requestLogLimit ?? 100_000);
    this.#tokens = options.tokens;
    this.#anonymousAuth = options.anonymousAuth ?? true;
    this.#eventsV1 = options.eventsV1 ?? true;

    const namespaces = namespacesView(new ObjectStore<Namespace>(revisions, window));
    const eventStore = new ObjectStore<InternalEvent>(revisions, window);
    const configMapStore = new ObjectStore<ConfigMap>(revisions, window);
    const purge = <T extends StoredObject>(store: ObjectStore<T>) => (ns: string) => {
      for (const obj of store.list(ns)) store.delete(obj);
    };
    this.#lifecycle = new NamespaceLifecycle(namespaces, [purge(eventStore), purge(configMapStore)], now, options.namespaceFinalization ?? 'manual');

    const lifecycle = this.#lifecycle;
    const deps = <T extends StoredObject>(extra: Partial<HandlerDeps<T>> = {}): HandlerDeps<T> => ({
      now,
      revisions,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 1000,
      admitCreate: (view, namespace, name) => lifecycle.admitCreate(view.gr, namespace, name),
      ...extra,
    });
    const register = <T extends StoredObject>(view: ResourceView<T>, d: HandlerDeps<T>): ResourceHandler => {
      const h = createResourceHandler(view, d);
      this.#handlers.set(`${view.group}/${view.version}/${view.resource}`, h);
      (view.group === '' ? this.#coreInfos : this.#eventsInfos).push(h);
      return h;
    };
    register(
      namespaces,
      deps<Namespace>({
        deleteObject: (existing, pre) => lifecycle.delete(existing, pre),
        subresource: (req, existing, sub) => lifecycle.finalizeSubresource(req, existing, sub),
      }),
    );
    register(configMapsView(configMapStore), deps<ConfigMap>());
    const core = coreEventsView(eventStore);
    const v1 = eventsV1View(eventStore);
    // One stored Event, two served versions: managedFields entries are kept per version and compared in theirs.
    const managedShapes = [core, v1].map((v) => ({ apiVersion: v.apiVersion, schema: v.fieldSchema, render: (e: InternalEvent) => v.render(e) }));
    this.#coreEvents = register(core, deps<InternalEvent>({ managedShapes }));
    this.#v1Events = createResourceHandler(v1, deps<InternalEvent>({ managedShapes }));
    if (this.#eventsV1) {
      this.#handlers.set(`${EVENTS_GROUP}/v1/events`, this.#v1Events);
      this.#eventsInfos.push(this.#v1Events);
    }

    for (const name of ['default', 'kube-system']) {
      namespaces.store.create({
        metadata: { name, uid: randomUUID(), creationTimestamp: formatTime(now()), labels: { [NAMESPACE_NAME_LABEL]: name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }

    this.#server = createServer({ keepAlive: true }, (req, res) => this.#onRequest(req, res));
    this.#server.keepAliveTimeout = 60_000;
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
  }

  get url(): string {
    return this.#url;
  }

  get kubeConfig(): KubeConfig {
    if (!this.#kubeConfig) {
      const entries = Object.entries(this.#tokens ?? {});
      const token = (entries.find(([, id]) => id.admin) ?? entries[0])?.[0];
      this.#kubeConfig = makeKubeConfig(this.#url, token);
    }
    return this.#kubeConfig;
  }

  kubeConfigFor(token: string): KubeConfig {
    return makeKubeConfig(this.#url, token);
  }

  events(filter: { namespace?: string } = {}): JsonObject[] {
    return this.#coreEvents.snapshot(filter.namespace);
  }

  eventsV1(filter: { namespace?: string } = {}): JsonObject[] {
    return this.#v1Events.snapshot(filter.namespace);
  }

  requests(): RecordedRequest[] {
    return this.#log.snapshot();
  }

  clearRequests(): void {
    this.#log.clear();
  }

  finalizeNamespace(name: string): boolean {
    return this.#lifecycle.finalize(name);
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    for (const w of [...this.#watches]) w.close();
    for (const s of this.#sleeps) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.#sleeps.clear();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const entry: Sleep = {
        timer: setTimeout(() => {
          this.#sleeps.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.#sleeps.add(entry);
    });
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bodyText = chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      this.#dispatch(req, res, bodyText).catch((e: unknown) => {
        if (!res.headersSent) this.#sendJson(res, 500, internalError(e instanceof Error ? e.message : String(e)).toBody());
      });
    });
    req.on('error', () => undefined);
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse, bodyText: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const info = parseRequestInfo(method, url);
    const pathWithQuery = url.pathname + url.search;
    const contentType = req.headers['content-type'];
    let user: string | undefined;
    const record = (status: number, fault = false): void => this.#record(method, pathWithQuery, contentType, bodyText, status, info, user, fault);

    const decision = this.faults.decide(method, url.pathname, pathWithQuery);
    if (decision) {
      if (decision.latencyMs > 0) await this.#sleep(decision.latencyMs);
      if (this.#stopping) {
        req.socket.destroy();
        return;
      }
      const r = decision.response;
      if (r === 'drop') {
        record(0, true);
        req.socket.destroy();
        return;
      }
      if (r !== undefined && r !== 'pass') {
        const spec = typeof r === 'number' ? { status: r } : r;
        if (spec.body !== undefined) {
          const headers: Record<string, string> = spec.retryAfterSeconds !== undefined ? { 'Retry-After': String(spec.retryAfterSeconds) } : {};
          this.#sendJson(res, spec.status, spec.body, headers);
        } else {
          const err = faultStatus(spec.status, info, spec.retryAfterSeconds);
          this.#sendJson(res, err.code, err.toBody(), err.headers);
        }
        record(spec.status, true);
        return;
      }
    }

    const identity = authenticate(this.#tokens, req.headers.authorization, this.#anonymousAuth);
    if (identity instanceof StatusError) {
      this.#sendJson(res, identity.code, identity.toBody());
      record(identity.code);
      return;
    }
    if (this.#tokens) user = identity.user;
    try {
      const denied = authorize(identity, info);
      if (denied) throw denied;
      if (!info.isResourceRequest) {
        const status = this.#nonResource(info, method, res);
        record(status);
        return;
      }
      const handler = this.#route(info, res);
      if (!handler) {
        record(404);
        return;
      }
      const apiReq: ApiRequest = { method, url, info, contentType, bodyText, userAgent: req.headers['user-agent'] };
      const result = handler.handle(apiReq);
      if (result.kind === 'json') {
        this.#sendResult(res, result);
        record(result.status);
        return;
      }
      record(200);
      const stream = result.open(res, () => this.#watches.delete(stream));
      if (!res.writableEnded) this.#watches.add(stream);
    } catch (e) {
      const err = e instanceof StatusError ? e : internalError(e instanceof Error ? e.message : String(e));
      this.#sendJson(res, err.code, err.toBody(), err.headers);
      record(err.code);
    }
  }

  /** The handler of a resource request, or undefined after answering 404 for an unserved group/version. */
  #route(info: RequestInfo, res: ServerResponse): ResourceHandler | undefined {
    const servedGV =
      (info.apiPrefix === 'api' && info.apiGroup === '' && info.apiVersion === 'v1') ||
      (info.apiPrefix === 'apis' && this.#eventsV1 && info.apiGroup === EVENTS_GROUP && info.apiVersion === 'v1');
    if (!servedGV) {
      this.#sendNotFoundText(res);
      return undefined;
    }
    const handler = this.#handlers.get(`${info.apiGroup}/${info.apiVersion}/${info.resource}`);
    if (!handler) throw pathNotFound();
    return handler;
  }

  /** Discovery, /version and health endpoints. Returns the status sent. */
  #nonResource(info: RequestInfo, method: string, res: ServerResponse): number {
    const path = info.path.length > 1 ? info.path.replace(/\/+$/, '') : info.path;
    if (method === 'GET' || method === 'HEAD') {
      let body: JsonObject | undefined;
      if (path === '/api') body = apiVersions(this.#url.replace(/^https?:\/\//, ''));
      else if (path === '/api/v1') body = resourceList('v1', this.#coreInfos.map((h) => h.info));
      else if (path === '/apis') body = apiGroupList(this.#eventsV1 ? [{ group: EVENTS_GROUP, version: 'v1' }] : []);
      else if (this.#eventsV1 && path === `/apis/${EVENTS_GROUP}`) body = apiGroup(EVENTS_GROUP, 'v1');
      else if (this.#eventsV1 && path === `/apis/${EVENTS_GROUP}/v1`) body = resourceList(`${EVENTS_GROUP}/v1`, this.#eventsInfos.map((h) => h.info));
      else if (path === '/version') body = VERSION_INFO;
      else if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': 2 });
        res.end('ok');
        return 200;
      }
      if (body) {
        this.#sendJson(res, 200, body);
        return 200;
      }
    }
    this.#sendNotFoundText(res);
    return 404;
  }

  /** Go's http.NotFound, which is what v1.32 answers for paths no API group serves. */
  #sendNotFoundText(res: ServerResponse): void {
    const text = '404 page not found\n';
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  #sendResult(res: ServerResponse, r: JsonResponse): void {
    this.#sendJson(res, r.status, r.body, r.warnings && r.warnings.length > 0 ? { Warning: [...r.warnings] } : {});
  }

  #sendJson(res: ServerResponse, status: number, body: JsonObject, headers: Readonly<Record<string, string | string[]>> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Audit-Id': randomUUID(),
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  #record(method: string, path: string, contentType: string | undefined, bodyText: string, status: number, info: RequestInfo, user: string | undefined, fault: boolean): void {
    let body: JsonValue | undefined;
    let rawBody: string | undefined;
    if (bodyText !== '') {
      try {
        body = JSON.parse(bodyText) as JsonValue;
      } catch {
        rawBody = bodyText;
      }
    }
    let api: ApiKind = 'other';
    if (info.isResourceRequest) api = info.apiGroup === '' ? 'core' : info.apiGroup === EVENTS_GROUP ? 'events' : 'other';
    else if (/^\/(api|apis|version)(\/|$)/.test(info.path)) api = 'discovery';
    this.#log.add({
      method,
      path,
      contentType,
      body,
      ...(rawBody !== undefined ? { rawBody } : {}),
      status,
      api,
      verb: info.verb,
      resource: info.resource,
      namespace: info.namespace,
      name: info.name,
      user,
      fault,
    });
  }
}

/**
 * Starts an in-memory Kubernetes API server on 127.0.0.1 (ephemeral port) that serves namespaces,
 * configmaps, core/v1 events and events.k8s.io/v1 events with kube-apiserver v1.32's behaviour:
 * validation and error bodies, resourceVersions and conflicts, the three patch types, selectors,
 * watches with bookmarks and 410s, namespace termination, token auth, and fault injection.
 *
 * @example
 * ```ts
 * import { CoreV1Api } from '@kubernetes/client-node';
 *
 * const api = await startTestApiServer();
 * try {
 *   const core = api.kubeConfig.makeApiClient(CoreV1Api);
 *   await core.createNamespacedEvent({
 *     namespace: 'default',
 *     body: {
 *       metadata: { name: 'web-0.started', namespace: 'default' },
 *       involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default' },
 *       reason: 'Started',
 *       message: 'Started container web',
 *       type: 'Normal',
 *     },
 *   });
 *   console.log(api.events({ namespace: 'default' }).length); // 1
 *   console.log(api.requests().at(-1)?.status); // 201
 * } finally {
 *   await api.stop();
 * }
 * ```
 *
 * @category Testing
 */
export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const server = new TestApiServerImpl(options);
  await server.listen();
  return server;
}
