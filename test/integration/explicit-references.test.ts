// Explicit references taken as given reach the API server and are stored, on both APIs: the in-memory
// server validates involvedObject / regarding as kube-apiserver v1.32 does (only the namespaces must agree).
import { afterEach, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { EventsV1Broadcaster } from '../../src/events/event-broadcaster.js';
import { EventsV1EventSink } from '../../src/events/events-v1-sink.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/api-server/index.js';
import type { EventSubject } from '../../src/shared/types.js';
import { ManualClock } from '../support/clock.js';
import { capturingLogger } from '../support/logger.js';
import { startHarness, waitFor, type Harness } from './helpers.js';

const references: Array<[string, EventSubject, string]> = [
  ['{}', {}, 'default'],
  ['a reference without apiVersion', { kind: 'Pod', name: 'web-0', namespace: 'prod' }, 'prod'],
  ['a reference without kind', { apiVersion: 'v1', name: 'web-1', namespace: 'prod' }, 'prod'],
  ['a reference without name', { apiVersion: 'v1', kind: 'Pod', namespace: 'prod' }, 'prod'],
  ['a cluster-scoped reference', { apiVersion: 'v1', kind: 'Node', name: 'node-1' }, 'default'],
];

describe('explicit references are accepted by the API server as kube-record sends them', () => {
  let h: Harness | undefined;
  let api: TestApiServer | undefined;
  afterEach(async () => {
    await h?.close();
    await api?.stop();
    h = undefined;
    api = undefined;
  });

  it('core/v1: every reference is created, none rejected', async () => {
    h = await startHarness();
    await h.core.createNamespace({ body: { metadata: { name: 'prod' } } });
    const recorder = h.broadcaster.newRecorder({ component: 'ctrl' });
    for (const [, ref] of references) recorder.event(ref, 'Normal', 'Pulled', 'ok');
    await h.settled(references.length);
    expect(h.broadcaster.stats()).toMatchObject({ created: references.length, failed: 0 });
    const stored = [...h.api.events({ namespace: 'default' }), ...h.api.events({ namespace: 'prod' })];
    expect(stored.map((e) => (e as { involvedObject?: unknown }).involvedObject)).toEqual(
      expect.arrayContaining(references.map(([, ref]) => expect.objectContaining(ref) as unknown)),
    );
  });

  it('events.k8s.io/v1: every reference is created, none rejected', async () => {
    api = await startTestApiServer();
    await api.kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'prod' } } });
    const broadcaster = new EventsV1Broadcaster({ sink: new EventsV1EventSink(api.kubeConfig), clock: new ManualClock(), logger: capturingLogger() });
    broadcaster.startRecording();
    const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
    for (const [, ref] of references) recorder.eventf(ref, undefined, 'Normal', 'Pulled', 'Pull', 'ok');
    await waitFor(() => broadcaster.stats().created + broadcaster.stats().failed >= references.length);
    expect(broadcaster.stats()).toMatchObject({ created: references.length, failed: 0 });
    const stored = [...api.eventsV1({ namespace: 'default' }), ...api.eventsV1({ namespace: 'prod' })];
    expect(stored).toHaveLength(references.length);
    await broadcaster.shutdown({ timeoutMs: 2_000 });
  });
});
