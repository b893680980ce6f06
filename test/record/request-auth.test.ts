// RequestAuth: the lean requests' credentials, read from client-node's KubeConfig and cached briefly.
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AUTH_REFRESH_MS, RequestAuth } from '../../src/engine/request-auth.js';

/** A KubeConfig whose authenticator hands out `token-1`, `token-2`, … one per read. */
function rotating(extra: (opts: RequestOptions) => void = () => undefined): { kc: KubeConfig; reads: () => number } {
  let reads = 0;
  const kc = {
    applyToHTTPSOptions: async (opts: RequestOptions): Promise<void> => {
      await Promise.resolve();
      reads++;
      opts.headers = { Authorization: `Bearer token-${reads}`, 'Impersonate-User': 'alice' };
      extra(opts);
    },
  } as unknown as KubeConfig;
  return { kc, reads: () => reads };
}

describe('RequestAuth', () => {
  it('reads the headers once per AUTH_REFRESH_MS, lower-cased, and serves them synchronously meanwhile', async () => {
    const { kc, reads } = rotating();
    let now = 1_000;
    const auth = new RequestAuth(kc, () => now);
    expect(await auth.headers()).toEqual({ authorization: 'Bearer token-1', 'impersonate-user': 'alice' });
    now += AUTH_REFRESH_MS - 1;
    expect(auth.headers()).toEqual({ authorization: 'Bearer token-1', 'impersonate-user': 'alice' });
    now += 1;
    expect(await auth.headers()).toEqual({ authorization: 'Bearer token-2', 'impersonate-user': 'alice' });
    expect(reads()).toBe(2);
  });

  it('reads again after invalidate() (a 401), one read for concurrent callers', async () => {
    const { kc, reads } = rotating();
    const auth = new RequestAuth(kc, () => 0);
    await auth.headers();
    auth.invalidate();
    const [a, b] = await Promise.all([auth.headers(), auth.headers()]);
    expect(a).toEqual({ authorization: 'Bearer token-2', 'impersonate-user': 'alice' });
    expect(b).toBe(a);
    expect(reads()).toBe(2);
  });

  it('turns user name and password into Basic authorization, as client-node sends them', async () => {
    const { kc } = rotating((opts) => {
      opts.headers = {};
      opts.auth = 'admin:s3cret';
    });
    expect(await new RequestAuth(kc).headers()).toEqual({ authorization: `Basic ${Buffer.from('admin:s3cret').toString('base64')}` });
  });

  it('passes a failing credential read (an exec plugin that fails) to the request, and reads again next time', async () => {
    let fail = true;
    const kc = {
      applyToHTTPSOptions: async (opts: RequestOptions): Promise<void> => {
        await Promise.resolve();
        if (fail) throw new Error('exec plugin failed');
        opts.headers = { Authorization: 'Bearer ok' };
      },
    } as unknown as KubeConfig;
    const auth = new RequestAuth(kc, () => 0);
    await expect(auth.headers()).rejects.toThrow('exec plugin failed');
    fail = false;
    expect(await auth.headers()).toEqual({ authorization: 'Bearer ok' });
  });
});
