// Per-call formatting state: Go's `pp` and `fmt` structs (flags, width, precision, output, scan position).
// One instance is created lazily by each sprintf call that needs it and is never shared.
import { runeCount } from './runes.js';

/** Flag values saved while a thrown value is printed (Go's `fmtFlags`, plus width and precision). */
export interface FlagSnapshot {
  readonly wid: number;
  readonly prec: number;
  readonly widPresent: boolean;
  readonly precPresent: boolean;
  readonly minus: boolean;
  readonly plus: boolean;
  readonly sharp: boolean;
  readonly space: boolean;
  readonly zero: boolean;
  readonly plusV: boolean;
  readonly sharpV: boolean;
}

/** Mutable state of one sprintf call. */
export class Printer {
  /** Output produced for the directive being processed; the scanner drains it after each directive. */
  buf = '';
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  /** `%+v`: Go moves `+` here, so it means "field names" rather than "always print a sign". */
  plusV = false;
  /** `%#v`: Go-syntax representation; `#` itself is cleared. */
  sharpV = false;
  /** Printing the operand of a bad verb: Error()/String() are not called (Go's `pp.erroring`). */
  erroring = false;
  /** Printing a thrown value: a second throw is not reported recursively (Go's `pp.panicking`). */
  panicking = false;
  /** Objects currently being printed, innermost last: detects cycles and bounds nesting. */
  readonly stack: object[] = [];

  /**
   * Characters `buf` may hold before the rest of the directive is skipped (`sprintfBounded`): loops over
   * elements stop past it, long strings are cut to it. Infinity for `sprintf`.
   */
  limit = Infinity;

  /** Scanner position in the format string. */
  i = 0;
  /** Index of the next operand. */
  argNum = 0;
  /** An explicit `[n]` index was seen: Go then skips the EXTRA report. */
  reordered = false;
  /** The most recent `[n]` index was valid. */
  goodArgNum = true;
  /** The previous item of the directive was an `[n]` index. */
  afterIndex = false;
  /** Result of the last number parse (Go's `parsenum` returns it as a tuple). */
  num = 0;
  /** Whether the last number parse found digits. */
  isNum = false;

  /** Resets flags, width and precision before each directive (Go's `clearflags`). */
  clearFlags(): void {
    this.wid = 0;
    this.prec = 0;
    this.widPresent = false;
    this.precPresent = false;
    this.minus = false;
    this.plus = false;
    this.sharp = false;
    this.space = false;
    this.zero = false;
    this.plusV = false;
    this.sharpV = false;
  }

  /**
   * Copies the current flags.
   * @returns a snapshot for {@link Printer.restoreFlags}
   */
  saveFlags(): FlagSnapshot {
    return {
      wid: this.wid,
      prec: this.prec,
      widPresent: this.widPresent,
      precPresent: this.precPresent,
      minus: this.minus,
      plus: this.plus,
      sharp: this.sharp,
      space: this.space,
      zero: this.zero,
      plusV: this.plusV,
      sharpV: this.sharpV,
    };
  }

  /**
   * Restores flags saved by {@link Printer.saveFlags}.
   * @param f - the snapshot
   */
  restoreFlags(f: FlagSnapshot): void {
    this.wid = f.wid;
    this.prec = f.prec;
    this.widPresent = f.widPresent;
    this.precPresent = f.precPresent;
    this.minus = f.minus;
    this.plus = f.plus;
    this.sharp = f.sharp;
    this.space = f.space;
    this.zero = f.zero;
    this.plusV = f.plusV;
    this.sharpV = f.sharpV;
  }

  /**
   * Appends `n` padding characters: zeros only when padding on the left (Go's `writePadding`).
   * @param n - count; nothing is written when n <= 0
   */
  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(Math.min(n, this.room()));
  }

  /** Whether `buf` is past {@link Printer.limit}: what follows would be cut anyway. */
  full(): boolean {
    return this.buf.length > this.limit;
  }

  /** How many more characters `buf` takes before it is {@link Printer.full} (at least 0; Infinity unbounded). */
  room(): number {
    return Math.max(0, this.limit - this.buf.length + 1);
  }

  /** Appends `s`, cut to {@link Printer.room} (a 10 MB string costs a slice, not a copy). */
  append(s: string): void {
    const room = this.room();
    this.buf += s.length > room ? s.slice(0, room) : s;
  }

  /**
   * Appends `s` padded to the width, counted in runes (Go's `pad`/`padString`).
   * @param s - formatted text
   */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.append(s);
      return;
    }
    // A string of 2 × width UTF-16 units has at least width runes: no padding, and no need to count them.
    const width = s.length >= 2 * this.wid ? 0 : this.wid - runeCount(s);
    if (this.minus) {
      this.append(s);
      this.writePadding(width);
    } else {
      this.writePadding(width);
      this.append(s);
    }
  }
}
