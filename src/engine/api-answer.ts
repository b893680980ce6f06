// Reads an API server answer to a lean event request (event-http-client.ts) the way client-node's
// generated APIs read theirs, so the recorder's error handling (retry policy, Retry-After, 404 re-create,
// 409, namespace termination) cannot tell the two apart: 2xx → the parsed body; 401 → ApiException(401,
// 'Unauthorized', body undefined); any other status → ApiException(code, 'Unknown API Status Code!', the
// raw body text); headers lower-case, repeated ones joined with ', ' (as fetch's Headers give them).
import type { IncomingHttpHeaders } from 'node:http';
import { ApiException } from '@kubernetes/client-node';
import { reviveEventDates } from './server-copy.js';

/** client-node's JSON media types (its ObjectSerializer parses `application/json` and `…+json`). */
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The parts of an answer's head {@link answerOf} reads (node:http's IncomingMessage has them). */
export interface AnswerHead {
  /** Header names and values in the order received (names as sent). */
  readonly rawHeaders: readonly string[];
  /** The headers by lower-case name; read only for non-2xx answers (node:http builds it on first read). */
  readonly headers: IncomingHttpHeaders;
}

/** The Event in a 2xx answer, or the ApiException client-node would have thrown for the answer. */
export function answerOf<T>(status: number, head: AnswerHead, text: string): T {
  if (status >= 200 && status <= 299) {
    const type = contentTypeOf(head.rawHeaders);
    // Errors without a `code`, as client-node's are: the broadcaster retries them.
    if (type === undefined) throw new Error('Cannot parse content. No Content-Type defined.');
    if (!JSON_MEDIA.test(type)) throw new Error(`The mediaType ${type} is not supported by ObjectSerializer.parse.`);
    return reviveEventDates(JSON.parse(text) as T);
  }
  if (status === 401) throw new ApiException<undefined>(status, 'Unauthorized', undefined, headersOf(head.headers));
  throw new ApiException<string>(status, 'Unknown API Status Code!', text, headersOf(head.headers));
}

/**
 * The first Content-Type of `rawHeaders`, as `IncomingMessage.headers['content-type']` gives it (node:http
 * keeps the first of a repeated Content-Type), without building the headers object every 2xx answer
 * would otherwise pay for (profiled in issue 15).
 */
export function contentTypeOf(rawHeaders: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 12 && name.toLowerCase() === 'content-type') return rawHeaders[i + 1];
  }
  return undefined;
}

/** Response headers as client-node's ResponseContext holds them. */
export function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
