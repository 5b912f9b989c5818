'use client';

import { useCallback, useSyncExternalStore } from 'react';

/** One shared clock per period for the whole page: ages and elapsed time tick without re-rendering rows. */
type Clock = { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> };
const clocks = new Map<number, Clock>();

function clockFor(periodMs: number): Clock {
  let c = clocks.get(periodMs);
  if (!c) {
    c = { now: Date.now(), listeners: new Set() };
    clocks.set(periodMs, c);
  }
  return c;
}

function subscribeTo(c: Clock, periodMs: number, onChange: () => void): () => void {
  c.listeners.add(onChange);
  if (!c.timer) {
    // The clock may have stood still since its last listener left: start from the real time
    // (React reads the snapshot again after subscribing and re-renders if it moved).
    c.now = Date.now();
    c.timer = setInterval(() => {
      c.now = Date.now();
      for (const l of c.listeners) l();
    }, periodMs);
  }
  return () => {
    c.listeners.delete(onChange);
    if (c.listeners.size === 0 && c.timer) {
      clearInterval(c.timer);
      c.timer = undefined;
    }
  };
}

/**
 * What `read` makes of the current time, re-read every `periodMs`; the component re-renders only
 * when that result changes (a string compares by value). A table of 1,000 pods then re-renders
 * only the cells whose text moved ("4m" stays "4m" for a minute) instead of 2,000 cells per tick.
 * `read(0)` is the value before the clock runs (server render and hydration).
 */
export function useClock<T>(periodMs: number, read: (now: number) => T): T {
  const c = clockFor(periodMs);
  const subscribe = useCallback((onChange: () => void) => subscribeTo(c, periodMs, onChange), [c, periodMs]);
  return useSyncExternalStore(subscribe, () => read(c.now), () => read(0));
}

const identity = (now: number) => now;

/** The current time in ms, updated every `periodMs` (1 s for the elapsed clock); 0 before the clock runs. */
export function useNow(periodMs: number): number {
  return useClock(periodMs, identity);
}
