// Callers waiting for one condition (room in a queue, a queue drained, no write in flight): each gets a
// promise, and when the condition holds every one waiting at that moment is let go.

/** The callers waiting for one condition. */
export class Waiters {
  #resolvers: Array<() => void> = [];

  /** Resolves at the next {@link Waiters.release}. */
  wait(): Promise<void> {
    return new Promise((resolve) => this.#resolvers.push(resolve));
  }

  /** Lets go every caller waiting now; later `wait()` calls wait for the next release. */
  release(): void {
    if (this.#resolvers.length === 0) return;
    const resolvers = this.#resolvers;
    this.#resolvers = [];
    for (const resolve of resolvers) resolve();
  }
}
