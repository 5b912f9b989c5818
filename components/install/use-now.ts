'use client';

import { useSyncExternalStore } from 'react';

/** One shared clock per period for the whole page: ages and elapsed time tick without re-rendering rows. */
const clocks = new Map<number, { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> }>();

function clockFor(periodMs: number) {
  let c = clocks.get(periodMs);
  if (!c) {
    c = { now: Date.now(), listeners: new Set() };
    clocks.set(periodMs, c);
  }
  return c;
}

/** The current time in ms, updated every `periodMs` (1 s for the elapsed clock, 5 s for pod ages). */
export function useNow(periodMs: number): number {
  const c = clockFor(periodMs);
  return useSyncExternalStore(
    (onChange) => {
      c.listeners.add(onChange);
      if (!c.timer) {
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
    },
    () => c.now,
    () => 0,
  );
}
