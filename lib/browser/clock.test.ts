import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK, SharedClock, browserTimers, type ClockTimers } from './clock';

/** Timers driven by hand: `tick()` fires the interval, `frame()` runs the frame callbacks queued so far. */
function manualTimers(start = 1_000) {
  let now = start;
  let interval: { fn: () => void; ms: number } | null = null;
  let frames: { fn: () => void; live: boolean }[] = [];
  const t = {
    intervals: 0,
    stopped: 0,
    timers: {
      now: () => now,
      every: (fn, ms) => {
        t.intervals++;
        interval = { fn, ms };
        return () => {
          t.stopped++;
          interval = null;
        };
      },
      nextFrame: (fn) => {
        const f = { fn, live: true };
        frames.push(f);
        return () => {
          f.live = false;
        };
      },
    } satisfies ClockTimers,
    advance(ms: number) {
      now += ms;
    },
    get period() {
      return interval?.ms;
    },
    tick() {
      interval?.fn();
    },
    /** Runs one frame; how many callbacks ran. */
    frame(): number {
      const due = frames;
      frames = [];
      let n = 0;
      for (const f of due)
        if (f.live) {
          n++;
          f.fn();
        }
      return n;
    },
    get queuedFrames() {
      return frames.filter((f) => f.live).length;
    },
  };
  return t;
}

function listeners(clock: SharedClock, n: number) {
  const calls = Array.from({ length: n }, () => 0);
  const seen: number[][] = Array.from({ length: n }, () => []);
  const unsubscribe = calls.map((_, i) =>
    clock.subscribe(() => {
      calls[i]!++;
      seen[i]!.push(clock.now);
    }),
  );
  return { calls, seen, unsubscribe };
}

describe('SharedClock', () => {
  it('runs one timer with its period while anyone listens, and stops it when the last leaves', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 3);
    expect(t.intervals).toBe(0);
    const a = clock.subscribe(() => {});
    const b = clock.subscribe(() => {});
    expect(t.intervals).toBe(1);
    expect(t.period).toBe(5000);
    a();
    expect(t.stopped).toBe(0);
    b();
    expect(t.stopped).toBe(1);
    expect(clock.size).toBe(0);
  });

  it('starts again from the real time after standing still', () => {
    const t = manualTimers(1_000);
    const clock = new SharedClock(1000, t.timers, 3);
    expect(clock.now).toBe(1_000);
    t.advance(60_000);
    clock.subscribe(() => {})();
    expect(clock.now).toBe(61_000);
    expect(t.intervals).toBe(1);
  });

  it('a tick moves the time and calls CHUNK listeners at once, the next CHUNK one frame later, until all are told', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 3);
    const l = listeners(clock, 7);
    t.advance(5000);
    t.tick();
    expect(clock.now).toBe(6_000);
    expect(l.calls).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(t.frame()).toBe(1);
    expect(l.calls).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(t.frame()).toBe(1);
    expect(l.calls).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Told everyone: nothing more is queued.
    expect(t.queuedFrames).toBe(0);
    expect(l.seen.flat()).toEqual(Array(7).fill(6_000));
  });

  it('exactly CHUNK listeners are all told in the tick itself, with no frame queued', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 3);
    const l = listeners(clock, 3);
    t.tick();
    expect(l.calls).toEqual([1, 1, 1]);
    expect(t.queuedFrames).toBe(0);
  });

  it('one more than CHUNK leaves exactly one for the next frame', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 3);
    const l = listeners(clock, 4);
    t.tick();
    expect(l.calls).toEqual([1, 1, 1, 0]);
    expect(t.queuedFrames).toBe(1);
    t.frame();
    expect(l.calls).toEqual([1, 1, 1, 1]);
  });

  it('a listener that left before its turn is not called; the others still are', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 2);
    const l = listeners(clock, 4);
    t.tick();
    l.unsubscribe[2]!();
    t.frame();
    expect(l.calls).toEqual([1, 1, 0, 1]);
  });

  it('a tick while the last one is still telling starts over with the new time: nobody is left behind or told twice per tick', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 2);
    const l = listeners(clock, 5);
    t.tick();
    expect(l.calls).toEqual([1, 1, 0, 0, 0]);
    // The frames did not come (a hidden tab): the next tick cancels the rest of the first.
    t.advance(5000);
    t.tick();
    expect(t.queuedFrames).toBe(1);
    expect(l.calls).toEqual([2, 2, 0, 0, 0]);
    t.frame();
    t.frame();
    expect(l.calls).toEqual([2, 2, 1, 1, 1]);
    expect(l.seen[4]).toEqual([6_000]);
    expect(t.queuedFrames).toBe(0);
  });

  it('the last listener leaving mid-tick cancels the frames still queued', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 1);
    const l = listeners(clock, 3);
    t.tick();
    expect(t.queuedFrames).toBe(1);
    for (const u of l.unsubscribe) u();
    expect(t.queuedFrames).toBe(0);
    expect(t.stopped).toBe(1);
  });

  it('removing a listener twice is harmless, and leaves the others subscribed', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 3);
    const a = clock.subscribe(() => {});
    a();
    expect(() => a()).not.toThrow();
    expect(t.stopped).toBe(1);
    let told = 0;
    const b = clock.subscribe(() => told++);
    const c = clock.subscribe(() => {});
    c();
    c();
    t.tick();
    expect(told).toBe(1);
    expect(clock.size).toBe(1);
    b();
  });

  it('listeners that join after a tick wait for the next one', () => {
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers, 1);
    const l = listeners(clock, 2);
    t.tick();
    let late = 0;
    clock.subscribe(() => late++);
    t.frame();
    t.frame();
    expect(l.calls).toEqual([1, 1]);
    expect(late).toBe(0);
  });

  it('the page default tells 50 per frame', () => {
    expect(CHUNK).toBe(50);
    const t = manualTimers();
    const clock = new SharedClock(5000, t.timers);
    const l = listeners(clock, CHUNK + 1);
    t.tick();
    expect(l.calls.filter((c) => c === 1)).toHaveLength(CHUNK);
    t.frame();
    expect(l.calls.every((c) => c === 1)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a chunk of %s listeners', (chunk) => {
    expect(() => new SharedClock(5000, manualTimers().timers, chunk)).toThrow(
      /chunk must be a whole number of listeners, at least 1/,
    );
  });
});

describe('browserTimers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('every() repeats until stopped', () => {
    vi.useFakeTimers();
    let n = 0;
    const stop = browserTimers.every(() => n++, 1000);
    vi.advanceTimersByTime(2999);
    expect(n).toBe(2);
    stop();
    vi.advanceTimersByTime(5000);
    expect(n).toBe(2);
  });

  it('nextFrame() uses requestAnimationFrame where there is one, and can be cancelled', () => {
    const queued = new Map<number, () => void>();
    let id = 0;
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => {
      queued.set(++id, fn);
      return id;
    });
    vi.stubGlobal('cancelAnimationFrame', (i: number) => queued.delete(i));
    let ran = 0;
    browserTimers.nextFrame(() => ran++);
    const cancel = browserTimers.nextFrame(() => (ran += 10));
    cancel();
    for (const fn of queued.values()) fn();
    expect(ran).toBe(1);
  });

  it('nextFrame() falls back to a 16 ms timeout without frames, and can be cancelled', () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    vi.useFakeTimers();
    let ran = 0;
    browserTimers.nextFrame(() => ran++);
    browserTimers.nextFrame(() => (ran += 10))();
    vi.advanceTimersByTime(15);
    expect(ran).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ran).toBe(1);
  });

  it('now() is the wall clock', () => {
    vi.useFakeTimers({ now: 1_234_567 });
    expect(browserTimers.now()).toBe(1_234_567);
  });
});
