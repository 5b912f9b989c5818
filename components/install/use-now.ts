'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { SharedClock } from '@/lib/browser/clock';

/** One shared clock per period for the whole page: ages and elapsed time tick without re-rendering rows. */
const clocks = new Map<number, SharedClock>();

function clockFor(periodMs: number): SharedClock {
  let c = clocks.get(periodMs);
  if (!c) {
    c = new SharedClock(periodMs);
    clocks.set(periodMs, c);
  }
  return c;
}

/**
 * What `read` makes of the current time, re-read every `periodMs`; the component re-renders only
 * when that result changes (a string compares by value). A table of 1,000 pods then re-renders
 * only the cells whose text moved ("4m" stays "4m" for a minute) instead of 2,000 cells per tick,
 * and those spread over the frames after the tick (lib/browser/clock.ts).
 * `read(0)` is the value before the clock runs (server render and hydration).
 */
export function useClock<T>(periodMs: number, read: (now: number) => T): T {
  const c = clockFor(periodMs);
  const subscribe = useCallback((onChange: () => void) => c.subscribe(onChange), [c]);
  return useSyncExternalStore(
    subscribe,
    () => read(c.now),
    () => read(0),
  );
}

const identity = (now: number) => now;

/** The current time in ms, updated every `periodMs` (1 s for the elapsed clock); 0 before the clock runs. */
export function useNow(periodMs: number): number {
  return useClock(periodMs, identity);
}
