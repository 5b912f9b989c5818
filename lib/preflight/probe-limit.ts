/**
 * How often one caller may have the preflight connect to hosts the answers name (the external
 * database, message queue and private registry): a preflight run planning any of them takes one
 * from the caller's budget; past it those checks are skipped with a warning until the minute
 * rolls on. Per caller — the client the wizard's server stamped (x-lw-client), or the CLI — so
 * one caller cannot use the wizard to scan a network, and nobody else is slowed (docs/security.md).
 */
import { warn, type Verdict } from './result';

/** Runs with external probes per caller per minute: the Review panel's reruns stay far below it. */
export const PROBE_RUNS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

/** What a skipped external check says. */
export function decideThrottled(retryAfterS: number): Verdict {
  return warn(
    `Skipped: this client had the preflight connect to external services ${PROBE_RUNS_PER_MINUTE} times in the last minute.`,
    `Run the preflight again in ${retryAfterS} s.`,
  );
}

export type ProbeLimiter = {
  /** Takes one run for `caller`: 0 when it may probe now, else the seconds until it may. */
  take(caller: string, now: number): number;
};

export function probeLimiter(limit = PROBE_RUNS_PER_MINUTE, windowMs = WINDOW_MS): ProbeLimiter {
  const runs = new Map<string, number[]>();
  return {
    take(caller, now) {
      for (const [c, list] of runs) {
        const kept = list.filter((t) => t > now - windowMs);
        if (kept.length === 0) runs.delete(c);
        else runs.set(c, kept);
      }
      const mine = runs.get(caller) ?? [];
      if (mine.length >= limit) return Math.max(1, Math.ceil((mine[0]! + windowMs - now) / 1000));
      runs.set(caller, [...mine, now]);
      return 0;
    },
  };
}
