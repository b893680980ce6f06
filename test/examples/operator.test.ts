// The ConfigMap operator end to end: in-memory API server, client-node informer, a real EventBroadcaster
// writing through CoreV1EventSink, and the events as the server stored them.
import { closedPort, kubeConfigFor } from '../support/closed-port.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import {
  CoreV1EventRecorderAdapter,
  CoreV1EventSink,
  EventBroadcaster,
  type LogFields,
  type Logger,
  type UnifiedEventRecorder,
} from '../../src/index.js';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../src/testing/api-server/index.js';
import { startConfigMapOperator, type ConfigMapOperator } from '../../examples/configmap-operator/operator.js';
import { REQUIRED_KEYS_ANNOTATION, VALIDATE_LABEL } from '../../examples/configmap-operator/validate.js';

interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields?: LogFields;
}

function capturingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function configMap(name: string, requiredKeys: string, data: Record<string, string>, labelled = true): V1ConfigMap {
  return {
    metadata: {
      name,
      ...(labelled ? { labels: { [VALIDATE_LABEL]: 'true' } } : {}),
      annotations: { [REQUIRED_KEYS_ANNOTATION]: requiredKeys },
    },
    data,
  };
}

/** The fields of a stored event the operator is responsible for, in a stable order. */
function storedEvents(api: TestApiServer) {
  const pick = (e: JsonObject) => {
    const o = e['involvedObject'] as JsonObject;
    return { type: e['type'], reason: e['reason'], message: e['message'], count: e['count'], involvedObject: { kind: o['kind'], name: o['name'] } };
  };
  return api
    .events({ namespace: 'default' })
    .map(pick)
    .sort((a, b) => `${a.involvedObject.name as string} ${a.message as string}`.localeCompare(`${b.involvedObject.name as string} ${b.message as string}`));
}

let api: TestApiServer;
let core: CoreV1Api;
let broadcaster: EventBroadcaster;
let recorder: UnifiedEventRecorder;
let logger: ReturnType<typeof capturingLogger>;
let operator: ConfigMapOperator | undefined;

beforeEach(async () => {
  api = await startTestApiServer();
  core = api.kubeConfig.makeApiClient(CoreV1Api);
  logger = capturingLogger();
  broadcaster = new EventBroadcaster({ logger });
  broadcaster.startRecordingToSink(new CoreV1EventSink(api.kubeConfig));
  const source = { component: 'configmap-operator' };
  recorder = new CoreV1EventRecorderAdapter(broadcaster.newRecorder(source), source);
});

afterEach(async () => {
  await operator?.stop();
  operator = undefined;
  await broadcaster.shutdown({ timeoutMs: 1_000 });
  await api.stop();
});

function start(options: { initialBackoffMs?: number } = {}): ConfigMapOperator {
  operator = startConfigMapOperator({ kubeConfig: api.kubeConfig, recorder, logger, namespace: 'default', ...options });
  return operator;
}

/** Waits until the operator has recorded `n` events and the sink has written them all. */
async function recorded(n: number): Promise<void> {
  await vi.waitFor(
    () => {
      const s = broadcaster.stats();
      expect(s.accepted).toBe(n);
      expect(s.sinks[0]?.pending).toBe(0);
    },
    { timeout: 5_000, interval: 10 },
  );
}

describe('ConfigMap operator: events recorded on the API server', () => {
  it('records Validated and MissingKeys, dedupes a repeat into a count, and records a change as a new event', async () => {
    // Created before the operator starts: it arrives through the informer's list, whose items carry no
    // apiVersion/kind, which the operator must add for the recorder.
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('bad', 'host, port ,user', { host: 'db' }) });
    await start().ready;
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('good', 'host,port', { host: 'db', port: '5432' }) });
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('unlabelled', 'host', {}, false) });
    await recorded(2);

    // Same outcome, new resourceVersion: kube-record patches the count of the first event.
    await core.replaceNamespacedConfigMap({ name: 'bad', namespace: 'default', body: configMap('bad', 'host,port,user', { host: 'db', note: 'x' }) });
    await recorded(3);
    // A different set of missing keys: a new event. Then fixed: Normal Validated.
    await core.replaceNamespacedConfigMap({ name: 'bad', namespace: 'default', body: configMap('bad', 'host,port,user', { host: 'db', port: '1' }) });
    await recorded(4);
    await core.replaceNamespacedConfigMap({
      name: 'bad',
      namespace: 'default',
      body: configMap('bad', 'host,port,user', { host: 'db', port: '1', user: 'app' }),
    });
    await recorded(5);

    expect(storedEvents(api)).toEqual([
      { type: 'Normal', reason: 'Validated', message: 'all 3 required keys present', count: 1, involvedObject: { kind: 'ConfigMap', name: 'bad' } },
      { type: 'Warning', reason: 'MissingKeys', message: 'missing required keys: [port user]', count: 2, involvedObject: { kind: 'ConfigMap', name: 'bad' } },
      { type: 'Warning', reason: 'MissingKeys', message: 'missing required keys: [user]', count: 1, involvedObject: { kind: 'ConfigMap', name: 'bad' } },
      { type: 'Normal', reason: 'Validated', message: 'all 2 required keys present', count: 1, involvedObject: { kind: 'ConfigMap', name: 'good' } },
    ]);
    expect(broadcaster.stats()).toMatchObject({ accepted: 5, created: 4, patched: 1, aggregated: 0, spamFiltered: 0 });
    // The label selector is applied by the server: the unlabelled ConfigMap never reached the operator.
    const watches = api.requests().filter((r) => r.verb === 'watch' && r.resource === 'configmaps');
    expect(watches.length).toBeGreaterThan(0);
    for (const w of watches) expect(new URL(w.path, api.url).searchParams.get('labelSelector')).toBe('kube-record.dev/validate=true');
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => [l.message, l.fields?.['configMap'], l.fields?.['missing']])).toEqual([
      ['ConfigMap invalid', 'default/bad', 'port,user'],
      ['ConfigMap valid', 'default/good', ''],
      ['ConfigMap valid', 'default/bad', ''],
    ]);
  });

  it('aggregates a MissingKeys message that keeps changing after 10 distinct messages', async () => {
    await start().ready;
    const keys = ['k0', 'k1', 'k2', 'k3'];
    // Step i leaves out the keys of bit mask i: 12 distinct missing-key sets.
    const dataAt = (i: number) => Object.fromEntries(keys.filter((_, bit) => (i >> bit) & 1).map((k) => [k, 'v']));
    let cm = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('storm', keys.join(','), dataAt(0)) });
    for (let i = 1; i <= 11; i++) {
      cm = await core.replaceNamespacedConfigMap({ name: 'storm', namespace: 'default', body: { ...cm, data: dataAt(i) } });
    }
    await recorded(12);

    const messages = storedEvents(api).map((e) => `${e.count as number} ${e.message as string}`);
    // Nine distinct messages get an event each; the 10th, 11th and 12th are folded into one aggregate
    // whose count grows and whose message is the latest.
    expect(messages).toEqual([
      '3 (combined from similar events): missing required keys: [k2]',
      '1 missing required keys: [k0 k1 k2 k3]',
      '1 missing required keys: [k0 k1 k2]',
      '1 missing required keys: [k0 k1 k3]',
      '1 missing required keys: [k0 k2 k3]',
      '1 missing required keys: [k0 k3]',
      '1 missing required keys: [k1 k2 k3]',
      '1 missing required keys: [k1 k3]',
      '1 missing required keys: [k2 k3]',
      '1 missing required keys: [k3]',
    ]);
    expect(broadcaster.stats()).toMatchObject({ accepted: 12, created: 10, patched: 2, aggregated: 3 });
  });

  it('records nothing for a deletion and forgets the ConfigMap', async () => {
    await start().ready;
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('gone', 'a', { a: '1' }) });
    await recorded(1);
    await core.deleteNamespacedConfigMap({ name: 'gone', namespace: 'default' });
    await vi.waitFor(() => expect(logger.lines.map((l) => l.message)).toContain('ConfigMap deleted (or unlabelled), forgetting it'));
    // Recreated with the same outcome: logged as new again, since its state was forgotten.
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('gone', 'a', { a: '1' }) });
    await recorded(2);
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      'ConfigMap valid',
      'ConfigMap deleted (or unlabelled), forgetting it',
      'ConfigMap valid',
    ]);
    expect(storedEvents(api)).toEqual([
      { type: 'Normal', reason: 'Validated', message: 'all 1 required keys present', count: 1, involvedObject: { kind: 'ConfigMap', name: 'gone' } },
      { type: 'Normal', reason: 'Validated', message: 'all 1 required keys present', count: 1, involvedObject: { kind: 'ConfigMap', name: 'gone' } },
    ]);
  });
});

describe('ConfigMap operator: watch failures and stopping', () => {
  it('restarts after a failed list and a dropped watch, with a doubling backoff', async () => {
    api.faults.add({ method: 'GET', path: /\/configmaps\?(?!watch=)/, responses: [500] });
    api.faults.add({ method: 'GET', path: /\/configmaps\?watch=true/, responses: ['drop'] });
    await start({ initialBackoffMs: 10 }).ready;
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('after', 'a', {}) });
    await recorded(1);

    const restarts = logger.lines.filter((l) => l.message === 'ConfigMap watch failed, restarting');
    expect(restarts.map((l) => l.fields?.['delayMs'])).toEqual([10, 20]);
    expect(api.faults.remaining).toBe(0);
    expect(storedEvents(api)).toEqual([
      { type: 'Warning', reason: 'MissingKeys', message: 'missing required keys: [a]', count: 1, involvedObject: { kind: 'ConfigMap', name: 'after' } },
    ]);
  });

  it('stops during a restart backoff at once, rejecting ready', async () => {
    api.faults.add({ method: 'GET', path: /\/configmaps\?(?!watch=)/, responses: [500] });
    const op = start({ initialBackoffMs: 60_000 });
    await vi.waitFor(() => expect(logger.lines.map((l) => l.message)).toContain('ConfigMap watch failed, restarting'));
    // stop() does not sit out the 60 s backoff: were it to, the test timeout (20 s) would fail this test.
    await op.stop();
    await expect(op.ready).rejects.toThrow('ConfigMap operator stopped before it was ready');
  });

  it('opens no watch when stopped while the initial list is in flight', async () => {
    // client-node 2.0.1's ListWatch goes on to watch after a list that ends after stop(); the operator's
    // informer turns that watch away.
    const list = /\/configmaps\?(?!watch=)/;
    api.faults.add({ method: 'GET', path: list, responses: ['pass'], latencyMs: 200 });
    const op = start();
    // The rule is consumed when the list reaches the server (not on a guess of how long that takes).
    await vi.waitFor(() => expect(api.faults.remaining).toBe(0));
    await op.stop();
    await vi.waitFor(() => expect(api.requests().some((r) => r.resource === 'configmaps')).toBe(true)); // the list is answered
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a watch to be tried, were it to be
    const configMapRequests = api.requests().filter((r) => r.resource === 'configmaps').map((r) => r.verb);
    expect(configMapRequests).toEqual(['list']);
    await expect(op.ready).rejects.toThrow('ConfigMap operator stopped before it was ready');
  });

  it('closes its watch on stop and records nothing afterwards', async () => {
    const op = start();
    await op.ready;
    await op.stop();
    await op.stop(); // idempotent
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('late', 'a', { a: '1' }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(broadcaster.stats().accepted).toBe(0);
    expect(logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('logs why the watch failed: the refused address, not just "fetch failed"', async () => {
    const port = await closedPort();
    const kubeConfig = kubeConfigFor(port);
    operator = startConfigMapOperator({ kubeConfig, recorder, logger, namespace: 'default', initialBackoffMs: 60_000 });
    await vi.waitFor(() => expect(logger.lines.map((l) => l.message)).toContain('ConfigMap watch failed, restarting'));
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.fields)).toEqual([
      { error: `fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`, delayMs: 60_000 },
    ]);
  });
});
