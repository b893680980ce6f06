// Test objects and events.
import type { CoreV1Event } from '@kubernetes/client-node';

export function pod(name = 'web-0', namespace = 'default', uid = 'uid-1') {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid, resourceVersion: '1' } };
}

export function makeTestEvent(overrides: Partial<CoreV1Event> = {}, at = new Date('2026-11-24T10:00:00Z')): CoreV1Event {
  return {
    metadata: { name: 'web-0.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-1', apiVersion: 'v1' },
    reason: 'Started',
    message: 'Started container',
    source: { component: 'ctrl', host: 'node-1' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    reportingComponent: 'ctrl',
    reportingInstance: 'node-1',
    ...overrides,
  };
}
