/** The CLI's preflight lines (PURE). */
import type { CheckResult } from './result';

const TAG = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

/** `FAIL database  <message> Fix: <fix>` — one line per check. */
export function checkLine(r: CheckResult): string {
  return `${TAG[r.status]} ${r.id.padEnd(15)} ${r.message}${r.fix ? ` Fix: ${r.fix}` : ''}`;
}

/** The closing line and exit code: 2 when any check failed. */
export function summary(results: CheckResult[]): { line: string; code: number } {
  const n = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  const fails = n('fail');
  return {
    line: `${results.length} checks: ${n('pass')} pass, ${n('warn')} warn, ${fails} fail`,
    code: fails > 0 ? 2 : 0,
  };
}
