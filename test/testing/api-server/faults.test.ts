// Fault injection: scripted statuses with realistic Status bodies, Retry-After, custom bodies, dropped
// connections, pass-through, latency (per rule and persistent), exhaustion, logging and cleanup on stop().
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Faults } from '../../../src/testing/api-server/faults.js';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, coreEvent } from './helpers.js';

const EVENTS = '/api/v1/namespaces/default/events';

describe('fault injection', () => {
  let api: TestApiServer;
  beforeEach(async () => {
    api = await startTestApiServer();
  });
  afterEach(async () => {
    await api.stop();
  });

  it('answers scripted statuses in order, then stops matching', async () => {
    api.faults.add({ method: 'POST', path: EVENTS, responses: [500, 503, { status: 429, retryAfterSeconds: 2 }] });
    expect(api.faults.remaining).toBe(3);
    const r500 = await call(api, 'POST', EVENTS, coreEvent('a'));
    expect(r500.status).toBe(500);
    expect(r500.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: etcdserver: request timed out',
      reason: 'InternalError',
      details: { causes: [{ message: 'etcdserver: request timed out' }] },
      code: 500,
    });
    const r503 = await call(api, 'POST', EVENTS, coreEvent('a'));
    expect(r503.status).toBe(503);
    expect(r503.body).toMatchObject({ reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request', code: 503 });
    const r429 = await call(api, 'POST', EVENTS, coreEvent('a'));
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('2');
    expect(r429.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 2 },
      code: 429,
    });
    expect(api.faults.remaining).toBe(0);
    const ok = await call(api, 'POST', EVENTS, coreEvent('a'));
    expect(ok.status).toBe(201);
    expect(api.events()).toHaveLength(1);
    expect(api.requests().map((r) => [r.status, r.fault])).toEqual([
      [500, true],
      [503, true],
      [429, true],
      [201, false],
    ]);
  });

  it('words resource-specific codes for the request (409, 404, 403, 401, 504)', async () => {
    api.faults.add({ path: /\/events\/e1$/, responses: [409, 404, 403, 401, 504] });
    const r = async () => (await call(api, 'PATCH', `${EVENTS}/e1`, {}, { contentType: 'application/merge-patch+json' })).body;
    expect(await r()).toMatchObject({ reason: 'Conflict', message: 'Operation cannot be fulfilled on events "e1": the object has been modified; please apply your changes to the latest version and try again' });
    expect(await r()).toMatchObject({ reason: 'NotFound', message: 'events "e1" not found', details: { name: 'e1', kind: 'events' } });
    expect(await r()).toMatchObject({ reason: 'Forbidden', code: 403 });
    expect(await r()).toMatchObject({ reason: 'Unauthorized', code: 401 });
    expect(await r()).toMatchObject({ reason: 'Timeout', code: 504, message: 'Timeout: request did not complete within requested timeout - context deadline exceeded' });
  });

  it('sends a custom body as given', async () => {
    api.faults.add({ path: EVENTS, responses: [{ status: 418, body: { hello: 'teapot' }, retryAfterSeconds: 1 }] });
    const r = await call(api, 'GET', EVENTS);
    expect(r.status).toBe(418);
    expect(r.body).toEqual({ hello: 'teapot' });
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('drops the connection without an answer', async () => {
    api.faults.add({ path: EVENTS, responses: ['drop'] });
    await expect(fetch(api.url + EVENTS, { method: 'POST', body: JSON.stringify(coreEvent('d')), headers: { 'Content-Type': 'application/json' } })).rejects.toThrow();
    expect(api.requests().at(-1)).toMatchObject({ status: 0, fault: true, method: 'POST' });
    expect(api.events()).toEqual([]);
    expect((await call(api, 'GET', EVENTS)).status).toBe(200);
  });

  it('delays matching answers, including pass-through ones', async () => {
    api.faults.add({ path: EVENTS, method: 'GET', responses: ['pass', 500], latencyMs: 150 });
    let t = Date.now();
    expect((await call(api, 'GET', EVENTS)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    expect((await call(api, 'GET', EVENTS)).status).toBe(500);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(api.requests().map((r) => r.fault)).toEqual([false, true]);
  });

  it('adds persistent latency to matching requests', async () => {
    api.faults.latency(300, { path: /events/ });
    const t = Date.now();
    await call(api, 'GET', EVENTS);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290); // a lower bound: load only makes it longer
    expect(api.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET ${EVENTS} 200`]);
  });

  it('applies a latency only to matching requests, and no longer once removed or cleared', () => {
    // The decisions themselves, not wall-clock upper bounds (those fail on a loaded machine).
    const faults = new Faults();
    const remove = faults.latency(300, { path: /events/ });
    expect(faults.decide('GET', EVENTS, EVENTS)).toEqual({ response: undefined, latencyMs: 300 });
    expect(faults.decide('GET', '/api/v1/namespaces', '/api/v1/namespaces')).toBeUndefined();
    remove();
    expect(faults.decide('GET', EVENTS, EVENTS)).toBeUndefined();
    faults.latency(300);
    faults.latency(50, { method: 'GET' });
    expect(faults.decide('GET', '/version', '/version')).toEqual({ response: undefined, latencyMs: 350 });
    faults.clear();
    expect(faults.decide('GET', EVENTS, EVENTS)).toBeUndefined();
  });

  it('applies faults before authentication', async () => {
    await api.stop();
    api = await startTestApiServer({ tokens: { t: { user: 'u', admin: true } } });
    api.faults.add({ path: '/version', responses: [503] });
    expect((await call(api, 'GET', '/version')).status).toBe(503);
    expect((await call(api, 'GET', '/version', undefined, { token: 'not-a-token' })).status).toBe(401);
  });

  it('abandons delayed requests on stop() without leaving timers behind', async () => {
    api.faults.latency(60_000);
    const pending = fetch(api.url + EVENTS).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 50));
    // stop() does not wait for the 60 s latency: were it to, the test timeout (20 s) would fail this test.
    await api.stop();
    expect(await pending).toBe('failed');
  });
});
