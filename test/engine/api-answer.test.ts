// answerOf reads a 2xx answer's Content-Type from rawHeaders (no headers object per write): it must read
// the same value node:http's `headers['content-type']` gives, whatever the server sends.
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiException } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { answerOf, contentTypeOf } from '../../src/engine/api-answer.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** The IncomingMessage node:http makes of an answer whose head is `raw` (names and values in order). */
async function answered(raw: string[]): Promise<IncomingMessage> {
  server = createServer((_req, res) => {
    res.writeHead(200, raw);
    res.end('{}');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject);
  });
}

describe('contentTypeOf', () => {
  const HEADS: Array<{ name: string; raw: string[]; expected: string | undefined }> = [
    { name: 'lower-case name', raw: ['content-type', 'application/json'], expected: 'application/json' },
    { name: 'any case, with parameters', raw: ['X-Other', 'a', 'CONTENT-Type', 'application/merge-patch+json; charset=utf-8'], expected: 'application/merge-patch+json; charset=utf-8' },
    { name: 'repeated: the first', raw: ['Content-Type', 'application/json', 'content-type', 'text/plain'], expected: 'application/json' },
    { name: 'a longer name that starts alike', raw: ['content-type-options', 'x', 'content-typ', 'y'], expected: undefined },
    { name: 'none', raw: ['x-content-type', 'application/json'], expected: undefined },
  ];
  for (const { name, raw, expected } of HEADS) {
    it(`reads what IncomingMessage.headers gives: ${name}`, async () => {
      const res = await answered(raw);
      expect(res.headers['content-type']).toBe(expected);
      expect(contentTypeOf(res.rawHeaders)).toBe(expected);
    });
  }

  it('ignores a name without a value', () => {
    expect(contentTypeOf(['content-type'])).toBeUndefined();
  });
});

describe('answerOf', () => {
  const head = (raw: string[]) => ({ rawHeaders: raw, headers: Object.fromEntries(raw.flatMap((v, i) => (i % 2 ? [] : [[v.toLowerCase(), raw[i + 1]]]))) });

  it('parses a 2xx JSON answer and revives its Dates', () => {
    const event = answerOf<{ metadata: { creationTimestamp: Date }; count: number }>(201, head(['Content-Type', 'application/json']), '{"metadata":{"creationTimestamp":"2026-12-06T10:00:00Z"},"count":2}');
    expect(event.count).toBe(2);
    expect(event.metadata.creationTimestamp).toEqual(new Date('2026-12-06T10:00:00Z'));
  });

  it("rejects a 2xx answer that is not JSON, or has no Content-Type, with client-node's messages", () => {
    expect(() => answerOf(200, head(['content-type', 'text/plain']), 'ok')).toThrow(new Error('The mediaType text/plain is not supported by ObjectSerializer.parse.'));
    expect(() => answerOf(200, head([]), '{}')).toThrow(new Error('Cannot parse content. No Content-Type defined.'));
  });

  it('maps a non-2xx answer to an ApiException with the raw body and lower-case headers', () => {
    const error = (() => {
      try {
        return answerOf(429, head(['Retry-After', '3', 'Content-Type', 'application/json']), '{"code":429}');
      } catch (e) {
        return e;
      }
    })() as ApiException<string>;
    expect(error).toBeInstanceOf(ApiException);
    expect([error.code, error.body, error.headers]).toEqual([429, '{"code":429}', { 'retry-after': '3', 'content-type': 'application/json' }]);
  });
});
