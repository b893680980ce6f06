// FakeRecorder: an EventRecorder for users' unit tests that keeps "<type> <reason> <message>" strings
// (client-go's record.FakeRecorder, §3.11), without the blocking channel.
import { sprintf } from '../format/index.js';
import { InvalidArgumentError, optionsObject } from '../watch/argument-error.js';
import type { EventRecorder } from '../record/recorder.js';
import type { EventAnnotations, EventSubject, EventType, Logger } from '../shared/types.js';

/** How many lines a FakeRecorder keeps by default. */
const DEFAULT_FAKE_BUFFER_SIZE = 100;

/**
 * Options of {@link FakeRecorder}.
 *
 * @category Testing
 */
export interface FakeRecorderOptions {
  /** How many events are kept; later ones are counted in `dropped`. Default 100. */
  readonly bufferSize?: number | undefined;
  /** Append ` involvedObject{kind=<Kind>,apiVersion=<apiVersion>}` to each line (client-go `IncludeObject`). */
  readonly includeObject?: boolean | undefined;
}

/**
 * Records events as strings for assertions: `"Warning FailedSync sync default/web: boom"`. Annotations,
 * when present, are appended as Go prints a map: ` map[a:1 b:2]` (sorted keys).
 *
 * Unlike client-go's fake, a full buffer never blocks: extra events are counted in `dropped`.
 *
 * @example
 * ```ts
 * const recorder = new FakeRecorder();
 * reconcile(pod, recorder);
 * recorder.expectEvents(['Normal Synced synced web-0']);
 * ```
 *
 * @category Testing
 */
export class FakeRecorder implements EventRecorder {
  readonly #lines: string[] = [];
  readonly #bufferSize: number;
  readonly #includeObject: boolean;
  #dropped = 0;

  /** @throws `InvalidArgumentError` (from kube-record) when `options` is not an object or `bufferSize` is not a whole number ≥ 0. */
  constructor(options: FakeRecorderOptions = {}) {
    const o = optionsObject(options);
    const bufferSize = o.bufferSize ?? DEFAULT_FAKE_BUFFER_SIZE;
    if (!Number.isInteger(bufferSize) || bufferSize < 0) throw new InvalidArgumentError('options.bufferSize', 'expected a whole number ≥ 0');
    this.#bufferSize = bufferSize;
    this.#includeObject = o.includeObject === true;
  }

  /** The recorded lines, oldest first (a copy). */
  get events(): string[] {
    return [...this.#lines];
  }

  /** Events not kept: the buffer was full, or their input could not be read (a throwing getter or toString). */
  get dropped(): number {
    return this.#dropped;
  }

  event(object: EventSubject, type: EventType, reason: string, message: string): void {
    this.#write(object, undefined, type, reason, message);
  }

  eventf(object: EventSubject, type: EventType, reason: string, format: string, ...args: unknown[]): void {
    this.#write(object, undefined, type, reason, sprintf(format, ...args));
  }

  annotatedEventf(object: EventSubject, annotations: EventAnnotations, type: EventType, reason: string, format: string, ...args: unknown[]): void {
    this.#write(object, annotations, type, reason, sprintf(format, ...args));
  }

  /** Returns this recorder (the fake has no logger), as client-go's fake does. */
  withLogger(_logger: Logger): EventRecorder {
    return this;
  }

  /** Removes and returns the oldest line, like reading client-go's `Events` channel. */
  take(): string | undefined {
    return this.#lines.shift();
  }

  /** Forgets every recorded line and the drop count. */
  clear(): void {
    this.#lines.length = 0;
    this.#dropped = 0;
  }

  /**
   * Throws an `Error` listing expected and actual lines unless the recorded lines are exactly `expected`
   * (strings compare equal, RegExps must match), in order.
   */
  expectEvents(expected: ReadonlyArray<string | RegExp>): void {
    const actual = this.#lines;
    const ok =
      actual.length === expected.length &&
      expected.every((e, i) => (typeof e === 'string' ? actual[i] === e : e.test(actual[i] ?? '')));
    if (!ok) {
      throw new Error(
        `FakeRecorder events differ\nexpected:\n${expected.map((e) => `  ${String(e)}`).join('\n')}\nactual:\n${actual.map((a) => `  ${a}`).join('\n')}`,
      );
    }
  }

  #write(object: unknown, annotations: EventAnnotations | undefined, type: string, reason: string, message: string): void {
    if (this.#lines.length >= this.#bufferSize) {
      this.#dropped++;
      return;
    }
    try {
      let line = `${String(type)} ${String(reason)} ${message}`;
      if (this.#includeObject) line += ` ${objectPart(object)}`;
      if (annotations && Object.keys(annotations).length > 0) line += ` ${goMap(annotations)}`;
      this.#lines.push(line);
    } catch {
      // Input plain JavaScript passed that cannot be read (a throwing getter or toString): counted, never thrown.
      this.#dropped++;
    }
  }
}

function objectPart(object: unknown): string {
  const o = (typeof object === 'object' && object !== null ? object : {}) as { kind?: unknown; apiVersion?: unknown };
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  return `involvedObject{kind=${kind},apiVersion=${apiVersion}}`;
}

function goMap(annotations: EventAnnotations): string {
  const keys = Object.keys(annotations).sort();
  return `map[${keys.map((k) => `${k}:${annotations[k] ?? ''}`).join(' ')}]`;
}
