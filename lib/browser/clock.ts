/**
 * One shared clock per period for a page (ages in the pod table, the elapsed time): a store for
 * React's useSyncExternalStore. PURE apart from the timers it is given (the browser's by default).
 *
 * A tick does not call every listener at once: a table of 1,000 pods has 2,000 clocked cells, and
 * between 2 and 10 minutes of age ("5m30s") every one of them changes text on every 5 s tick —
 * rendered in one go, that was a frame of 150 ms (`npm run bench -- scale`). The first CHUNK
 * listeners run in the tick, the next CHUNK on the next animation frame, and so on: 1,000 ages
 * settle within about 20 frames (a third of a second) and no frame carries more than CHUNK.
 */

export interface ClockTimers {
  now(): number;
  /** Calls `fn` every `ms`; returns what stops it. */
  every(fn: () => void, ms: number): () => void;
  /** Calls `fn` once on the next frame; returns what cancels it. */
  nextFrame(fn: () => void): () => void;
}

/** Listeners called per frame during a tick. */
export const CHUNK = 50;

export const browserTimers: ClockTimers = {
  now: () => Date.now(),
  every: (fn, ms) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
  nextFrame: (fn) => {
    // No frames without a document (and none in a hidden tab: the rest of the tick waits for the
    // tab to show again, and the next tick starts over anyway).
    if (typeof requestAnimationFrame !== 'function') {
      const id = setTimeout(fn, 16);
      return () => clearTimeout(id);
    }
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  },
};

export class SharedClock {
  /** The time listeners read (ms since the epoch), moved on each tick. */
  now: number;
  private readonly listeners = new Set<() => void>();
  private stopTimer: (() => void) | undefined;
  private cancelFrame: (() => void) | undefined;

  constructor(
    readonly periodMs: number,
    private readonly timers: ClockTimers = browserTimers,
    private readonly chunk: number = CHUNK,
  ) {
    if (!Number.isInteger(chunk) || chunk < 1)
      throw new RangeError(`chunk must be a whole number of listeners, at least 1 (got ${chunk})`);
    this.now = timers.now();
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Adds a listener (the timer runs while there is one); returns what removes it. */
  subscribe(onChange: () => void): () => void {
    this.listeners.add(onChange);
    if (!this.stopTimer) {
      // The clock may have stood still since its last listener left: start from the real time
      // (React reads the snapshot again after subscribing and re-renders if it moved).
      this.now = this.timers.now();
      this.stopTimer = this.timers.every(() => this.tick(), this.periodMs);
    }
    return () => {
      this.listeners.delete(onChange);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  /** Moves the time and tells the listeners, CHUNK per frame; a tick still telling them starts over. */
  private tick(): void {
    this.now = this.timers.now();
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    const pending = [...this.listeners];
    const run = (from: number) => {
      this.cancelFrame = undefined;
      const to = Math.min(from + this.chunk, pending.length);
      for (let i = from; i < to; i++) {
        const listener = pending[i]!;
        // One that left meanwhile (its row was removed) is not called.
        if (this.listeners.has(listener)) listener();
      }
      if (to < pending.length) this.cancelFrame = this.timers.nextFrame(() => run(to));
    };
    run(0);
  }
}
