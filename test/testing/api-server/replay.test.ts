// Replays the 55 captured kube-apiserver v1.32.13 exchanges over HTTP in capture order and compares status,
// content type and the whole body (placeholders match by shape; key order is checked too).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type JsonValue, type TestApiServer } from '../../../src/testing/api-server/index.js';

interface CapturedCase {
  readonly case: string;
  readonly seq: number;
  readonly request: { readonly method: string; readonly path: string; readonly contentType: string | null; readonly body: JsonValue };
  readonly response: { readonly status: number; readonly contentType: string; readonly body: JsonValue };
}

const capture = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/apiserver-responses.json', import.meta.url), 'utf8'),
) as { cases: CapturedCase[] };
const cases = [...capture.cases].sort((a, b) => a.seq - b.seq);

const TOKENS = { 'admin-token': { user: 'kubernetes-admin', admin: true }, 'noperm-token': { user: 'noperm' } };

/** Which credentials a case was captured with, as its name tells. */
function tokenFor(c: CapturedCase): string {
  if (c.case.includes('"noperm"')) return 'noperm-token';
  if (c.case.includes('invalid bearer token')) return 'not-a-valid-token';
  return 'admin-token';
}

const SHAPES: Record<string, RegExp> = {
  '<uid>': /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  '<rv>': /^[1-9]\d*$/,
  '<ts>': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
};

/**
 * The capture removed metadata.managedFields (their times vary); remove ours the same way, after checking
 * every object carries them as the real server writes them.
 */
function withoutManagedFields(value: JsonValue, entries: JsonValue[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => withoutManagedFields(v, entries));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'managedFields' && Array.isArray(v)) entries.push(...v);
    else out[k] = withoutManagedFields(v, entries);
  }
  return out;
}

/** Differences between an actual body and the expected one (with shape placeholders), as JSON paths. */
function diff(actual: JsonValue | undefined, expected: JsonValue, path = '$'): string[] {
  if (typeof expected === 'string' && SHAPES[expected]) {
    return typeof actual === 'string' && SHAPES[expected].test(actual) ? [] : [`${path}: ${JSON.stringify(actual)} is not ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => diff(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.join(',') !== ak.join(',')) return [`${path}: keys ${JSON.stringify(ak)} != expected ${JSON.stringify(ek)}`];
    return ek.flatMap((k) => diff(actual[k], expected[k] as JsonValue, `${path}.${k}`));
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
}

describe('replay of captured kube-apiserver v1.32.13 responses', () => {
  let api: TestApiServer;
  /** Response bodies by the case label that placeholders refer to ("1", "6a", ...). */
  const responses = new Map<string, JsonValue>();

  beforeAll(async () => {
    api = await startTestApiServer({ tokens: TOKENS });
  });
  afterAll(async () => {
    await api.stop();
  });

  /** Replaces `<stale-rv: ... case 1>` / `<rv: ... GET 6a>` with the resourceVersion returned by that case. */
  function substitute(value: JsonValue): JsonValue {
    if (typeof value === 'string') {
      const m = /^<(?:stale-)?rv: .* (\w+)>$/.exec(value);
      if (!m) return value;
      const body = responses.get(m[1]!) as { metadata?: { resourceVersion?: string } } | undefined;
      const rv = body?.metadata?.resourceVersion;
      if (rv === undefined) throw new Error(`no resourceVersion recorded for case ${m[1]}`);
      return rv;
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
    return value;
  }

  it('has the 55 captured cases', () => {
    expect(cases).toHaveLength(55);
  });

  for (const c of cases) {
    it(`#${c.seq} ${c.case}`, async () => {
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${tokenFor(c)}` };
      if (c.request.contentType) headers['Content-Type'] = c.request.contentType;
      const res = await fetch(api.url + c.request.path, {
        method: c.request.method,
        headers,
        ...(c.request.body !== null ? { body: JSON.stringify(substitute(c.request.body)) } : {}),
      });
      const text = await res.text();
      const body = JSON.parse(text) as JsonValue;
      const label = /^(\w+)\. /.exec(c.case)?.[1];
      if (label) responses.set(label, body);

      expect(res.status).toBe(c.response.status);
      expect(res.headers.get('content-type')).toBe(c.response.contentType);
      const managed: JsonValue[] = [];
      let actual = withoutManagedFields(body, managed);
      for (const entry of managed) {
        expect(entry).toMatchObject({ manager: 'node', operation: 'Update', fieldsType: 'FieldsV1' });
        expect(Object.keys(entry as object)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
        expect(diff((entry as { time: JsonValue }).time, '<ts>')).toEqual([]);
      }
      if (c.case.includes('trimmed to the')) {
        // The capture kept only the entries it names; compare the same subset of ours.
        const wanted = new Set(((c.response.body as { resources: { name: string }[] }).resources).map((r) => r.name));
        const full = actual as { resources: { name: string }[] };
        actual = { ...full, resources: full.resources.filter((r) => wanted.has(r.name)) };
      }
      const expected = c.response.body as { reason?: string; details?: { causes?: unknown } };
      const got = actual as { reason?: string; details?: { causes?: unknown } };
      expect(got.reason).toBe(expected.reason);
      expect(got.details?.causes).toEqual(expected.details?.causes);
      expect(diff(actual, c.response.body)).toEqual([]);
    });
  }
});
