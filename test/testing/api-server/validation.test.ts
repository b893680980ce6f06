// Validation and decoding beyond the captured cases: the remaining events.go rules, Go time parsing of
// metav1.Time / MicroTime, JSON type errors, unknown-field warnings, configmap and metadata rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMicroTime, parseTime } from '../../../src/testing/api-server/go-time.js';
import { goJsonSyntaxError } from '../../../src/testing/api-server/json-syntax.js';
import { startTestApiServer, type TestApiServer } from '../../../src/testing/api-server/index.js';
import { call, coreEvent, v1Event } from './helpers.js';

describe('Go time parsing', () => {
  it('normalises metav1.Time to whole UTC seconds', () => {
    expect(parseTime('2026-11-24T10:00:00Z')).toBe('2026-11-24T10:00:00Z');
    expect(parseTime('2026-11-24T10:00:00.999Z')).toBe('2026-11-24T10:00:00Z');
    expect(parseTime('2026-11-24T12:30:00+02:00')).toBe('2026-11-24T10:30:00Z');
    expect(parseTime('0001-01-01T00:00:00Z')).toBeUndefined();
  });

  it('keeps MicroTime microseconds and requires exactly six digits', () => {
    expect(parseMicroTime('2026-11-24T10:00:00.123456Z')).toBe('2026-11-24T10:00:00.123456Z');
    expect(parseMicroTime('2026-11-24T10:00:00.000001-01:00')).toBe('2026-11-24T11:00:00.000001Z');
    expect(() => parseMicroTime('2026-11-24T10:00:00Z')).toThrow(
      'parsing time "2026-11-24T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
    expect(() => parseMicroTime('2026-11-24T10:00:00.000000000Z')).toThrow(
      'parsing time "2026-11-24T10:00:00.000000000Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "000Z" as "Z07:00"',
    );
  });

  it('reports Go parse errors', () => {
    expect(() => parseTime('yesterday')).toThrow('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(() => parseTime('2026-13-01T00:00:00Z')).toThrow('parsing time "2026-13-01T00:00:00Z": month out of range');
    expect(() => parseTime('2026-02-30T00:00:00Z')).toThrow('parsing time "2026-02-30T00:00:00Z": day out of range');
    expect(() => parseTime('2026-11-24 10:00:00Z')).toThrow('parsing time "2026-11-24 10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00:00Z" as "T"');
    expect(() => parseTime('2026-11-24T10:00:00Zjunk')).toThrow('parsing time "2026-11-24T10:00:00Zjunk": extra text: "junk"');
  });

  it('words JSON syntax errors like encoding/json', () => {
    expect(goJsonSyntaxError('not json')).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(goJsonSyntaxError('{"a":1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a":1')).toBe('unexpected end of JSON input');
    expect(goJsonSyntaxError('x')).toBe("invalid character 'x' looking for beginning of value");
    expect(goJsonSyntaxError('{}')).toBeUndefined();
  });
});

describe('validation over HTTP', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer();
  });
  afterAll(async () => {
    await api.stop();
  });

  const post = (path: string, body: Parameters<typeof call>[3]) => call(api, 'POST', path, body);

  it('applies the strict rules to a core/v1 event with eventTime: reason and length limits', async () => {
    const r = await post(
      '/api/v1/namespaces/default/events',
      coreEvent('strict', 'default', {
        eventTime: '2026-11-24T10:00:00.000000Z',
        reason: '',
        action: 'a'.repeat(129),
        reportingComponent: 'ctrl',
        reportingInstance: 'i'.repeat(129),
      }),
    );
    expect(r.status).toBe(422);
    expect(r.body['message']).toBe(
      'Event "strict" is invalid: [reportingInstance: Invalid value: "": can have at most 128 characters, action: Invalid value: "": can have at most 128 characters, reason: Required value]',
    );
  });

  it('allows cluster-scoped involved objects without eventTime only in default (or no namespace)', async () => {
    const ok = await post('/api/v1/namespaces/default/events', coreEvent('node-ev', 'default', { involvedObject: { kind: 'Node', name: 'n1' } }));
    expect(ok.status).toBe(201);
    const sys = await post('/api/v1/namespaces/kube-system/events', coreEvent('node-ev', 'kube-system', { involvedObject: { kind: 'Node', name: 'n1' } }));
    expect(sys.status).toBe(422);
    expect(sys.body['message']).toBe('Event "node-ev" is invalid: involvedObject.namespace: Invalid value: "": does not match event.namespace');
    const sysNew = await post('/apis/events.k8s.io/v1/namespaces/kube-system/events', v1Event('node-ev', 'kube-system', { regarding: { kind: 'Node', name: 'n1' } }));
    expect(sysNew.status).toBe(201);
  });

  it('requires series.lastObservedTime and forbids the deprecated fields on events.k8s.io create', async () => {
    const r = await post(
      '/apis/events.k8s.io/v1/namespaces/default/events',
      v1Event('dep', 'default', {
        series: { count: 2 },
        deprecatedSource: { component: 'x' },
        deprecatedFirstTimestamp: '2026-11-24T10:00:00Z',
        deprecatedLastTimestamp: '2026-11-24T10:00:00Z',
      }),
    );
    expect(r.status).toBe(422);
    expect(r.body['details']).toEqual({
      name: 'dep',
      kind: 'Event',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'series.lastObservedTime' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: "": needs to be unset', field: 'firstTimestamp' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: "": needs to be unset', field: 'lastTimestamp' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: "": needs to be unset', field: 'source' },
      ],
    });
  });

  it('checks reportingController as a qualified name', async () => {
    const r = await post('/apis/events.k8s.io/v1/namespaces/default/events', v1Event('bad-ctrl', 'default', { reportingController: 'a/b/c' }));
    expect(r.status).toBe(422);
    expect(r.body['details']).toMatchObject({
      causes: [
        {
          reason: 'FieldValueInvalid',
          field: 'reportingController',
          message:
            "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        },
      ],
    });
  });

  it('makes everything but series and metadata immutable on events.k8s.io update', async () => {
    await post('/apis/events.k8s.io/v1/namespaces/default/events', v1Event('imm'));
    const r = await call(
      api,
      'PATCH',
      '/apis/events.k8s.io/v1/namespaces/default/events/imm',
      { regarding: { name: 'web-1' }, reason: 'Other', type: 'Warning', action: 'Stop', eventTime: '2026-11-24T11:00:00.000000Z', reportingInstance: 'demo-2', related: { kind: 'Node', name: 'n' } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(r.status).toBe(422);
    expect((r.body['details'] as { causes: { field: string; message: string }[] }).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'involvedObject',
        message:
          'Invalid value: core.ObjectReference{Kind:"Pod", Namespace:"default", Name:"web-1", UID:"u1", APIVersion:"v1", ResourceVersion:"", FieldPath:""}: field is immutable',
      },
      { reason: 'FieldValueInvalid', field: 'reason', message: 'Invalid value: "Other": field is immutable' },
      { reason: 'FieldValueInvalid', field: 'reason', message: 'Invalid value: "Other": field is immutable' },
      { reason: 'FieldValueInvalid', field: 'type', message: 'Invalid value: "Warning": field is immutable' },
      { reason: 'FieldValueInvalid', field: 'eventTime', message: 'Invalid value: 2026-11-24 11:00:00 +0000 UTC: field is immutable' },
      { reason: 'FieldValueInvalid', field: 'action', message: 'Invalid value: "Stop": field is immutable' },
      {
        reason: 'FieldValueInvalid',
        field: 'related',
        message: 'Invalid value: core.ObjectReference{Kind:"Node", Namespace:"", Name:"n", UID:"", APIVersion:"", ResourceVersion:"", FieldPath:""}: field is immutable',
      },
      { reason: 'FieldValueInvalid', field: 'reportingInstance', message: 'Invalid value: "demo-2": field is immutable' },
    ]);
    // The same change through core/v1 is allowed: only the legacy checks apply there.
    const core = await call(api, 'PATCH', '/api/v1/namespaces/default/events/imm', { reason: 'Other' }, { contentType: 'application/merge-patch+json' });
    expect(core.status).toBe(200);
    expect(core.body['reason']).toBe('Other');
  });

  it('answers 400 with the Go decoding error for wrongly typed fields', async () => {
    const r = await post('/api/v1/namespaces/default/events', coreEvent('typed', 'default', { count: 'three' }));
    expect(r.status).toBe(400);
    expect(r.body['message']).toBe('Event in version "v1" cannot be handled as a Event: json: cannot unmarshal string into Go struct field Event.count of type int32');
    const nested = await post('/api/v1/namespaces/default/events', coreEvent('typed', 'default', { involvedObject: { name: 5 } }));
    expect(nested.body['message']).toBe(
      'Event in version "v1" cannot be handled as a Event: json: cannot unmarshal number into Go struct field ObjectReference.involvedObject.name of type string',
    );
    const ts = await post('/api/v1/namespaces/default/events', coreEvent('typed', 'default', { lastTimestamp: 'soon' }));
    expect(ts.body['message']).toBe(
      'Event in version "v1" cannot be handled as a Event: parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"',
    );
  });

  it('answers 400 for a body that is not JSON and 415 for a non-JSON content type', async () => {
    const bad = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', undefined, { raw: '{"metadata":', contentType: 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({"metadata":)`,
      reason: 'BadRequest',
      code: 400,
    });
    const text = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', undefined, { raw: 'hello', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body['reason']).toBe('UnsupportedMediaType');
    expect(text.body['message']).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  });

  it('drops unknown fields with a Warning header', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'warn', bogus: 1 }, data: { a: 'b' }, spec: {} });
    expect(r.status).toBe(201);
    expect(r.headers.get('warning')).toBe('299 - "unknown field \\"metadata.bogus\\"", 299 - "unknown field \\"spec\\""');
    expect(r.body).not.toHaveProperty('spec');
  });

  it('validates configmaps and object metadata', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'Bad_Name', labels: { 'bad key': 'v' } },
      data: { 'bad key': 'x', '..': 'y' },
    });
    expect(r.status).toBe(422);
    expect((r.body['details'] as { causes: { field: string }[] }).causes.map((c) => c.field)).toEqual([
      'metadata.name',
      'metadata.labels',
      'data[bad key]',
      'data[..]',
    ]);
    const nameless = await post('/api/v1/namespaces/default/configmaps', { data: {} });
    expect(nameless.body['message']).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    const generated = await post('/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'gen-' } });
    expect(generated.status).toBe(201);
    expect((generated.body['metadata'] as { name: string }).name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const slash = await post('/api/v1/namespaces/default/events', coreEvent('a/b'));
    expect(slash.body['message']).toBe('Event "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain \'/\'');
  });

  it('rejects a namespace in the body that differs from the URL, and a resourceVersion on create', async () => {
    const ns = await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'x', namespace: 'kube-system' } });
    expect(ns.status).toBe(400);
    expect(ns.body['message']).toBe('the namespace of the provided object does not match the namespace sent on the request');
    const rv = await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'x', resourceVersion: '5' } });
    expect(rv.status).toBe(400);
    expect(rv.body['message']).toBe('resourceVersion should not be set on objects to be created');
  });

  it('enforces immutable configmaps', async () => {
    await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'frozen' }, immutable: true, data: { a: '1' } });
    const r = await call(api, 'PATCH', '/api/v1/namespaces/default/configmaps/frozen', { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    expect(r.status).toBe(422);
    expect(r.body['message']).toBe('ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });
});
