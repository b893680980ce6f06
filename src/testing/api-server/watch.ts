// One open watch: newline-delimited {"type","object"} events on a chunked 200 — initial ADDED or replay from a
// resourceVersion, live filtered changes, BOOKMARKs, timeoutSeconds, and an ERROR 410 past the retained window.
import type { ServerResponse } from 'node:http';
import type { FieldSelector } from './field-selector.js';
import type { JsonObject } from './json.js';
import type { LabelSelector } from './label-selector.js';
import { withTypeMeta, type ResourceView } from './resource-view.js';
import { StatusError, expired } from './status.js';
import type { Change, RevisionCounter, StoredObject } from './store.js';

/** The parameters of a watch request. */
export interface WatchParams {
  /** Namespace to watch, or undefined for all. */
  readonly namespace: string | undefined;
  readonly labelSelector: LabelSelector;
  readonly fieldSelector: FieldSelector;
  /** `resourceVersion` query parameter (undefined, '' and '0' start with the current state). */
  readonly resourceVersion: string | undefined;
  readonly allowBookmarks: boolean;
  readonly bookmarkIntervalMs: number;
  readonly timeoutSeconds: number | undefined;
  readonly sendInitialEvents: boolean | undefined;
}

/** Memo of serialised watch lines, per change, shared by the watches of one view. */
export type LineCache = WeakMap<Change<StoredObject>, string>;

function line(type: string, object: JsonObject): string {
  return `${JSON.stringify({ type, object })}\n`;
}

export class WatchStream<T extends StoredObject> {
  #closed = false;
  #unsubscribe: (() => void) | undefined;
  #bookmarkTimer: NodeJS.Timeout | undefined;
  #timeoutTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly view: ResourceView<T>,
    private readonly params: WatchParams,
    private readonly res: ServerResponse,
    private readonly revisions: RevisionCounter,
    private readonly cache: LineCache,
    private readonly onClose: (stream: WatchStream<T>) => void,
  ) {}

  /** Sends the headers and the initial events, then follows the store. */
  start(): void {
    const { params, view } = this;
    this.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    this.res.flushHeaders();
    this.res.on('close', () => this.close());
    const rv = params.resourceVersion;
    const fromCurrent = rv === undefined || rv === '' || rv === '0';
    if (fromCurrent || params.sendInitialEvents === true) {
      let out = '';
      for (const obj of view.store.list(params.namespace)) {
        if (this.#passes(obj)) out += line('ADDED', withTypeMeta(view, obj));
      }
      if (params.sendInitialEvents === true && params.allowBookmarks) {
        const marker = withTypeMeta(view, view.empty(String(this.revisions.current)));
        const meta = marker['metadata'] as JsonObject;
        meta['annotations'] = { 'k8s.io/initial-events-end': 'true' };
        out += line('BOOKMARK', marker);
      }
      if (out) this.res.write(out);
    } else {
      const from = Number(rv);
      if (!/^\d+$/.test(rv) || !Number.isSafeInteger(from)) {
        this.#fail(new StatusError(400, 'BadRequest', `invalid resource version "${rv}"`));
        return;
      }
      if (from > this.revisions.current) {
        this.#fail(
          new StatusError(504, 'Timeout', `Timeout: Too large resource version: ${from}, current: ${this.revisions.current}`, {
            causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
            retryAfterSeconds: 1,
          }),
        );
        return;
      }
      const changes = view.store.changesSince(from);
      if (!Array.isArray(changes)) {
        this.#fail(expired(`too old resource version: ${from} (${changes.compacted})`));
        return;
      }
      let out = '';
      for (const c of changes) out += this.#render(c);
      if (out) this.res.write(out);
    }
    this.#unsubscribe = view.store.subscribe((c) => {
      const text = this.#render(c);
      if (text && !this.#closed) this.res.write(text);
    });
    if (params.allowBookmarks) {
      this.#bookmarkTimer = setInterval(() => this.#bookmark(), params.bookmarkIntervalMs);
      this.#bookmarkTimer.unref();
    }
    if (params.timeoutSeconds !== undefined) {
      this.#timeoutTimer = setTimeout(() => this.close(), params.timeoutSeconds * 1000);
      this.#timeoutTimer.unref();
    }
  }

  /** Ends the stream and releases its timers and store subscription. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#bookmarkTimer) clearInterval(this.#bookmarkTimer);
    if (this.#timeoutTimer) clearTimeout(this.#timeoutTimer);
    if (!this.res.writableEnded) this.res.end();
    this.onClose(this);
  }

  #passes(obj: T): boolean {
    const { params, view } = this;
    if (params.namespace !== undefined && (obj.metadata.namespace ?? '') !== params.namespace) return false;
    return params.labelSelector.matches(obj.metadata.labels) && params.fieldSelector.matches(view.selectableFields(obj));
  }

  /** The watch line a change produces for this watch (cacheWatcher.convertToWatchEvent), or ''. */
  #render(c: Change<T>): string {
    const cur = c.type !== 'DELETED' && this.#passes(c.object);
    const prev = c.previous !== undefined && this.#passes(c.previous);
    if (!cur && !prev) return '';
    if (cur) {
      const type = prev ? 'MODIFIED' : 'ADDED';
      // Unfiltered transitions are the same bytes for every watch of this view: serialise once.
      if (type === c.type) {
        const key = c as unknown as Change<StoredObject>;
        let text = this.cache.get(key);
        if (text === undefined) {
          text = line(type, withTypeMeta(this.view, c.object));
          this.cache.set(key, text);
        }
        return text;
      }
      return line(type, withTypeMeta(this.view, c.object));
    }
    // Left the selection (or deleted): DELETED with the previous content at the change's revision.
    const before = c.previous as T;
    const gone = { ...before, metadata: { ...before.metadata, resourceVersion: String(c.rv) } };
    return line('DELETED', withTypeMeta(this.view, gone));
  }

  #bookmark(): void {
    if (this.#closed) return;
    this.res.write(line('BOOKMARK', withTypeMeta(this.view, this.view.empty(String(this.revisions.current)))));
  }

  #fail(err: StatusError): void {
    this.res.write(line('ERROR', err.toBody()));
    this.close();
  }
}
