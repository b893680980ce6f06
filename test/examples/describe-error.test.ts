// describeError: one log line that names the cause behind `fetch failed`.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../examples/configmap-operator/describe-error.js';
import { closedPort } from '../support/closed-port.js';

describe('describeError', () => {
  it('follows cause: fetch failed, then why', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:6443') });
    expect(describeError(error)).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:6443');
  });

  it("lists an AggregateError's errors (one per address tried)", () => {
    const refused = new AggregateError([new Error('connect ECONNREFUSED ::1:6443'), new Error('connect ECONNREFUSED 127.0.0.1:6443')], '');
    expect(describeError(new TypeError('fetch failed', { cause: refused }))).toBe(
      'fetch failed: connect ECONNREFUSED ::1:6443; connect ECONNREFUSED 127.0.0.1:6443',
    );
    expect(describeError(new AggregateError([new Error('a'), 'b'], 'all failed'))).toBe('all failed (a; b)');
  });

  it('does not repeat a cause its wrapper already quotes, and puts a multi-line message on one line', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND kube.invalid') });
    const wrapper = new Error('could not discover (GET /apis/events.k8s.io/v1: fetch failed)', { cause: fetchFailed });
    expect(describeError(wrapper)).toBe('could not discover (GET /apis/events.k8s.io/v1: fetch failed): getaddrinfo ENOTFOUND kube.invalid');
    expect(describeError(new Error('HTTP-Code: 500\nMessage: Unknown API Status Code!\nBody: "x"'))).toBe(
      'HTTP-Code: 500 Message: Unknown API Status Code! Body: "x"',
    );
  });

  it('describes values that are not errors, and stops on a cause cycle', () => {
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(undefined)).toBe('undefined');
    expect(describeError(42)).toBe('42');
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeError(a)).toBe('a: b: a: b: a: b: a: b');
  });

  it('names the refused address of a real failed fetch', async () => {
    const port = await closedPort();
    const error: unknown = await fetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeError(error)).toBe(`fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});
