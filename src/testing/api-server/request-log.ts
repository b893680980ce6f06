// The log of every request the server answered (faults and dropped connections included), for tests
// to assert on what a client actually sent.
import type { JsonValue } from './json.js';

/**
 * Which API a request went to.
 *
 * @category Testing
 */
export type ApiKind = 'core' | 'events' | 'discovery' | 'other';

/**
 * One logged request.
 *
 * @category Testing
 */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path with query string, as sent. */
  readonly path: string;
  /** The request's Content-Type header, if any. */
  readonly contentType: string | undefined;
  /** The body parsed as JSON; undefined when there was none or it was not JSON (see `rawBody`). */
  readonly body: JsonValue | undefined;
  /** The body text when it was not valid JSON. */
  readonly rawBody?: string;
  /** HTTP status answered; 0 when the connection was dropped by a fault. */
  readonly status: number;
  /** The API the request went to. */
  readonly api: ApiKind;
  /** Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) or the lower-case method. */
  readonly verb: string;
  /** Resource (`events`), `''` for non-resource paths. */
  readonly resource: string;
  /** Namespace of the request (for `namespaces` requests, the namespace's own name, as RBAC sees it). */
  readonly namespace: string;
  /** Object name, `''` for collection requests. */
  readonly name: string;
  /** Authenticated user, when token auth is on and the token was valid. */
  readonly user: string | undefined;
  /** True when the answer came from fault injection. */
  readonly fault: boolean;
}

export class RequestLog {
  #entries: RecordedRequest[] = [];

  constructor(private readonly limit: number) {}

  add(entry: RecordedRequest): void {
    this.#entries.push(entry);
    // Trim in batches so a long benchmark run does not pay for an array shift per request.
    if (this.#entries.length > this.limit + Math.max(1, this.limit >> 3)) this.#entries = this.#entries.slice(-this.limit);
  }

  snapshot(): RecordedRequest[] {
    return this.#entries.length > this.limit ? this.#entries.slice(-this.limit) : [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
