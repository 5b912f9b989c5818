/**
 * The preflight check result: one line on the wire (NDJSON), one row in the panel, one line of
 * the CLI. PURE and zod-free: the browser imports it.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One check's outcome (the zod schema of the wire form is in result-schema.ts, server side). */
export type CheckResult = {
  /** Stable id (`database`, `permissions`, …): overrides and the job log name a check by it. */
  id: string;
  title: string;
  status: CheckStatus;
  /** One line: what was found. */
  message: string;
  /** One line: what to do about it ("" when nothing needs doing). */
  fix: string;
  /** How long the check took, in milliseconds. */
  ms?: number;
};

/** The first line of the stream: every check that will report, so the page can list them pending. */
export type PreflightPlan = { plan: { id: string; title: string; timeoutMs: number }[] };

/** What a decision function returns; the runner adds id, title and timing. */
export type Verdict = Pick<CheckResult, 'status' | 'message' | 'fix'>;

export const pass = (message: string): Verdict => ({ status: 'pass', message, fix: '' });
export const warn = (message: string, fix: string): Verdict => ({ status: 'warn', message, fix });
export const fail = (message: string, fix: string): Verdict => ({ status: 'fail', message, fix });

/** The worst of several verdicts (fail > warn > pass), keeping the first verdict of that rank. */
export function worst(vs: Verdict[]): Verdict {
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  return vs.reduce(
    (a, b) => (rank[b.status] > rank[a.status] ? b : a),
    vs[0] ?? pass('Nothing to check.'),
  );
}

/**
 * The problems of several named objects as one verdict, or null when there is none (the caller
 * then says what passed): the first failure's status and fix (else the first warning's), every
 * problem's message in order.
 */
export function joinProblems(vs: readonly (Verdict | null)[]): Verdict | null {
  const problems = vs.filter((v): v is Verdict => v !== null);
  const top = problems.find((v) => v.status === 'fail') ?? problems[0];
  if (!top) return null;
  return { status: top.status, message: problems.map((v) => v.message).join(' '), fix: top.fix };
}

/** Ids of the failed checks the admin has not overridden: Install stays blocked while any is left. */
export function blockingFails(results: CheckResult[], overrides: string[]): string[] {
  const o = new Set(overrides);
  return results.filter((r) => r.status === 'fail' && !o.has(r.id)).map((r) => r.id);
}

/** Joins names for a message: "a", "a and b", "a, b and c". */
export function listing(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
