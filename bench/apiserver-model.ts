// The kube-apiserver model of bench/http.ts: how long a real kube-apiserver v1.32 on this machine class
// takes to answer event writes, as a FIFO service line. Each write is due `latencyMs` after it arrived, and
// answers leave the line at most `ratePerSec` a second:
//   due = max(arrival + latencyMs, previous due + 1000 / ratePerSec)
// With one connection only the latency binds (one round trip at a time); with 8 the rate does. Answers
// leave on average at their due time, each within a millisecond of it (see ServiceLine's timer notes).

/** The two figures a model server is calibrated with. */
export interface ApiServerModel {
  /** Time from a write's arrival to its answer while the line is idle, in milliseconds. */
  readonly latencyMs: number;
  /** Most answers per second over all connections. */
  readonly ratePerSec: number;
}

/**
 * The measurements: ~610 event creates/s from one keep-alive connection (a 1.64 ms round trip) and
 * ~1 460/s from 8. Of the 1.64 ms, ~0.3 ms is the client's own side and the loopback (from an answer
 * leaving the server to the next request arriving: measured with the bench's bare client on this machine
 * class), so the server holds each write 1.35 ms; a bare client then sees ~610/s, as the did.
 */
export const KUBE_APISERVER_V1_32: ApiServerModel = { latencyMs: 1.35, ratePerSec: 1460 };

/**
 * A timer cannot hold an answer for exactly its remaining time: the loop sleeps whole milliseconds, so a
 * timer fires 0–1 ms late plus the wake-up (~0.2 ms here), and never sooner than ~1.2 ms after it was
 * armed. Two corrections make answers leave on average at their due time anyway:
 * - a dither: each answer may leave up to d ∈ [0, 1) ms before it is due, d running through the
 *   golden-ratio sequence (evenly spread, reproducible), so the whole-millisecond rounding averages out
 *   whatever the phase of due times against the loop's ticks (with one connection that phase hardly
 *   changes between requests, so plain rounding would add a fixed error anywhere in 0–1 ms, up to a
 *   third of the round trip);
 * - a lag correction: the line measures how late answers actually leave (an exponential mean over ~30
 *   answers) and lets them leave that much sooner; an answer that may leave when it is held leaves at
 *   once, without a timer.
 * The rate is unaffected by either: due times are computed from the line, not from when answers left.
 */
const GOLDEN_RATIO_FRACTION = 0.6180339887498949;
const LAG_GAIN = 1 / 32;

interface Held {
  readonly due: number;
  /** When the answer may leave: its due time less its dither and the measured wake-up lag. */
  readonly releaseAt: number;
  readonly release: () => void;
}

/** A FIFO service line: holds answers until their due time, releasing them from one timer (no busy-wait). */
export class ServiceLine {
  readonly #latencyMs: number;
  readonly #gapMs: number;
  readonly #now: () => number;
  // Due times only grow (each is at least the previous one + gap), so arrival order is due order.
  readonly #held: Held[] = [];
  #lastDue = Number.NEGATIVE_INFINITY;
  #dither = 0;
  #lagMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #releasing = false;

  /** `now` is a millisecond clock (tests pass a fake one). */
  constructor(model: ApiServerModel, now: () => number = () => performance.now()) {
    this.#latencyMs = model.latencyMs;
    this.#gapMs = 1000 / model.ratePerSec;
    this.#now = now;
  }

  /** Calls `release` once the answer to a request that arrived at `arrivalMs` (on the `now` clock) is due. */
  hold(arrivalMs: number, release: () => void): void {
    const due = Math.max(arrivalMs + this.#latencyMs, this.#lastDue + this.#gapMs);
    this.#lastDue = due;
    this.#dither = (this.#dither + GOLDEN_RATIO_FRACTION) % 1;
    this.#held.push({ due, releaseAt: due - this.#dither - this.#lagMs, release });
    // An armed timer is already set for the head, which leaves first, and a release in progress will
    // look at this one too; else it may leave now.
    if (this.#timer === undefined && !this.#releasing) this.#fire();
  }

  /** Answers held now. */
  get length(): number {
    return this.#held.length;
  }

  /** Drops every held answer and the timer. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#held.length = 0;
  }

  #arm(): void {
    const head = this.#held[0];
    // Node waits at least 1 ms whatever it is asked; asking so keeps an early timer from spinning.
    if (head) this.#timer = setTimeout(this.#fire, Math.max(1, head.releaseAt - this.#now()));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#releasing = true;
    const now = this.#now();
    // Timers also fire early (their start is the loop's cached, whole-millisecond time): then nothing
    // leaves and the timer is armed again.
    while (this.#held.length > 0 && this.#held[0]!.releaseAt <= now) {
      const { due, release } = this.#held.shift()!;
      this.#lagMs += LAG_GAIN * (now - due);
      release();
    }
    this.#releasing = false;
    this.#arm();
  };
}
