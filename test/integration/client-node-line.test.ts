// Proves which client-node line the integration suite runs against: 2.x by `npm test`, 1.4.0 by
// `npm run test:compat` (vitest.compat.config.ts aliases the package).
import * as clientNode from '@kubernetes/client-node';
import * as clientNode1 from '@kubernetes/client-node-1';
import { describe, expect, it } from 'vitest';

describe('client-node under test', () => {
  it(`is the ${process.env['KUBE_RECORD_CLIENT_NODE_LINE'] ?? '?'}.x line`, () => {
    const line = process.env['KUBE_RECORD_CLIENT_NODE_LINE'];
    expect(['1', '2']).toContain(line);
    expect((clientNode.CoreV1Api as unknown) === (clientNode1.CoreV1Api as unknown)).toBe(line === '1');
  });
});
