/**
 * The preflight panel's state, folded from the NDJSON lines (PURE, browser-safe): rows in plan
 * order, pending until their result arrives, and what the install button needs to know.
 */
import { blockingFails, type CheckResult, type PreflightPlan } from './result';

export type Row = { id: string; title: string; timeoutMs: number; result: CheckResult | null };
export type Progress = { rows: Row[]; finished: boolean; error: string | null };

export const emptyProgress = (): Progress => ({ rows: [], finished: false, error: null });

/** Applies one line of the stream: the plan lists the rows, a result fills its row (or adds one). */
export function applyLine(p: Progress, line: unknown): Progress {
  if (line && typeof line === 'object' && Array.isArray((line as PreflightPlan).plan)) {
    return { ...p, rows: (line as PreflightPlan).plan.map((c) => ({ ...c, result: null })) };
  }
  const r = line as CheckResult;
  if (!r || typeof r.id !== 'string' || !['pass', 'warn', 'fail'].includes(r.status)) return p;
  const i = p.rows.findIndex((x) => x.id === r.id);
  if (i < 0)
    return { ...p, rows: [...p.rows, { id: r.id, title: r.title, timeoutMs: 0, result: r }] };
  const rows = p.rows.slice();
  rows[i] = { ...rows[i]!, result: r };
  return { ...p, rows };
}

/** What the install panel gets: done only when the stream ended and every row has its result. */
export function settled(
  p: Progress,
  overrides: string[],
): { done: boolean; fails: string[]; overrides: string[] } {
  const results = p.rows.flatMap((r) => (r.result ? [r.result] : []));
  const fails = results.filter((r) => r.status === 'fail').map((r) => r.id);
  const done = p.finished && p.error === null && results.length === p.rows.length;
  return { done, fails, overrides: overrides.filter((o) => fails.includes(o)) };
}

/** Counts for the header line. */
export function counts(p: Progress): {
  done: number;
  total: number;
  pass: number;
  warn: number;
  fail: number;
  blocking: number;
} {
  const results = p.rows.flatMap((r) => (r.result ? [r.result] : []));
  const n = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  return {
    done: results.length,
    total: p.rows.length,
    pass: n('pass'),
    warn: n('warn'),
    fail: n('fail'),
    blocking: blockingFails(results, []).length,
  };
}
