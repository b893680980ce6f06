// Fault injection: per-route scripted answers (a status with a realistic Status body, a dropped
// connection, or pass-through), consumed one per matching request, plus added latency.
import type { JsonObject } from './json.js';
import type { RequestInfo } from './request-info.js';
import {
  StatusError,
  badRequest,
  conflictModified,
  expired,
  forbidden,
  genericServerResponse,
  internalError,
  notFound,
  pathNotFound,
  tooManyRequests,
  unauthorized,
} from './status.js';

/**
 * One scripted answer: an HTTP status (answered with a Kubernetes Status body for that code), the same
 * with a `Retry-After` and/or a custom body, `'drop'` (the socket is destroyed without an answer), or
 * `'pass'` (the request is served normally, after the rule's latency).
 *
 * @category Testing
 */
export type FaultResponse = number | FaultStatusResponse | 'drop' | 'pass';

/**
 * A scripted status answer with options.
 *
 * @category Testing
 */
export interface FaultStatusResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Sets `Retry-After` (and `details.retryAfterSeconds` in the generated Status body). */
  readonly retryAfterSeconds?: number;
  /** Answer this JSON body instead of the generated Status. */
  readonly body?: JsonObject;
}

/**
 * Which requests a fault rule or latency applies to.
 *
 * @category Testing
 */
export interface FaultMatch {
  /** HTTP method (case-insensitive); any when omitted. */
  readonly method?: string;
  /**
   * A string matches the path without query exactly, or the path with query exactly; a RegExp is tested
   * against the path with its query string. Any path when omitted (latency only).
   */
  readonly path?: string | RegExp;
}

/**
 * A scripted fault: each matching request consumes the next entry of `responses`; when they run out the rule stops matching.
 *
 * @category Testing
 */
export interface FaultRule extends FaultMatch {
  /** Which paths the rule applies to (see {@link FaultMatch.path}). */
  readonly path: string | RegExp;
  /** The answers, consumed one per matching request. */
  readonly responses: readonly FaultResponse[];
  /** Delay before each matching answer (or before serving, for `'pass'`). */
  readonly latencyMs?: number;
}

/**
 * The fault injection controls of a test API server (`api.faults`).
 *
 * @category Testing
 */
export interface FaultInjector {
  /** Adds a scripted rule; rules are tried in the order they were added. */
  add(rule: FaultRule): void;
  /** Adds a persistent latency to every matching request; returns a function that removes it. */
  latency(ms: number, match?: FaultMatch): () => void;
  /** Removes all rules and latencies. */
  clear(): void;
  /** Number of scripted answers not consumed yet, over all rules. */
  readonly remaining: number;
}

interface LiveRule {
  readonly match: FaultMatch;
  readonly responses: FaultResponse[];
  readonly latencyMs: number;
}

/** What the server must do with one request. */
export interface FaultDecision {
  readonly response: FaultResponse | undefined;
  readonly latencyMs: number;
}

function matches(m: FaultMatch, method: string, pathname: string, pathWithQuery: string): boolean {
  if (m.method !== undefined && m.method.toUpperCase() !== method) return false;
  if (m.path === undefined) return true;
  if (typeof m.path === 'string') return m.path === pathname || m.path === pathWithQuery;
  m.path.lastIndex = 0;
  return m.path.test(pathWithQuery);
}

export class Faults implements FaultInjector {
  readonly #rules: LiveRule[] = [];
  readonly #latencies = new Set<{ readonly ms: number; readonly match: FaultMatch }>();

  add(rule: FaultRule): void {
    const match: FaultMatch = { path: rule.path, ...(rule.method !== undefined ? { method: rule.method } : {}) };
    this.#rules.push({ match, responses: [...rule.responses], latencyMs: rule.latencyMs ?? 0 });
  }

  latency(ms: number, match: FaultMatch = {}): () => void {
    const entry = { ms, match };
    this.#latencies.add(entry);
    return () => {
      this.#latencies.delete(entry);
    };
  }

  clear(): void {
    this.#rules.length = 0;
    this.#latencies.clear();
  }

  get remaining(): number {
    return this.#rules.reduce((n, r) => n + r.responses.length, 0);
  }

  /** Consumes the scripted answer for a request, if a rule matches, and sums the latencies that apply. */
  decide(method: string, pathname: string, pathWithQuery: string): FaultDecision | undefined {
    let latencyMs = 0;
    for (const l of this.#latencies) if (matches(l.match, method, pathname, pathWithQuery)) latencyMs += l.ms;
    const idx = this.#rules.findIndex((r) => r.responses.length > 0 && matches(r.match, method, pathname, pathWithQuery));
    if (idx < 0) return latencyMs > 0 ? { response: undefined, latencyMs } : undefined;
    const rule = this.#rules[idx] as LiveRule;
    const response = rule.responses.shift();
    if (rule.responses.length === 0) this.#rules.splice(idx, 1);
    return { response, latencyMs: latencyMs + rule.latencyMs };
  }
}

/** The Status a scripted status code answers with, worded as the real server words that failure. */
export function faultStatus(status: number, info: RequestInfo, retryAfterSeconds: number | undefined): StatusError {
  const gr = { group: info.apiGroup, resource: info.resource };
  let err: StatusError;
  switch (status) {
    case 400:
      err = badRequest('the server rejected our request for an unknown reason');
      break;
    case 401:
      err = unauthorized();
      break;
    case 403:
      err = forbidden(info.isResourceRequest ? gr : { group: '', resource: '' }, info.name, 'injected by the test API server');
      break;
    case 404:
      err = info.isResourceRequest && info.name ? notFound(gr, info.name) : pathNotFound();
      break;
    case 409:
      err = conflictModified(gr, info.name);
      break;
    case 410:
      err = expired('too old resource version: 1 (2)');
      break;
    case 429:
      err = tooManyRequests('Too many requests, please try again later.', retryAfterSeconds);
      break;
    case 500:
      err = internalError('etcdserver: request timed out');
      break;
    case 504:
      err = new StatusError(504, 'Timeout', 'Timeout: request did not complete within requested timeout - context deadline exceeded', {});
      break;
    default:
      err = genericServerResponse(status, 'injected by the test API server');
  }
  if (retryAfterSeconds !== undefined && status !== 429) {
    return new StatusError(err.code, err.reason, err.message, { ...err.details, retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
  return err;
}
