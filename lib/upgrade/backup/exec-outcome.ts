// How an exec into the MySQL pod ended, in words (PURE): the API's status and the command's
// stderr become one error message (docs/upgrade.md, "Backup and restore of the database").

/** The part of a Kubernetes Status the exec's status channel carries. */
export interface ExecStatus {
  status?: string;
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; type?: string; message?: string }[] };
}

/** At most this much of the command's stderr goes into a message (its end: the cause). */
export const STDERR_LIMIT = 2000;

/** The exit code a status names: the ExitCode cause, or kwok's `exit status N` (docs/development.md). */
export function exitCodeOf(s: ExecStatus): number | null {
  const cause = s.details?.causes?.find((c) => c.type === 'ExitCode' || c.reason === 'ExitCode');
  if (cause?.message && /^\d+$/.test(cause.message)) return Number(cause.message);
  const m = /\bexit status (\d+)\b/.exec(s.message ?? '');
  return m ? Number(m[1]) : null;
}

/** The last STDERR_LIMIT characters of stderr, trimmed. */
export function stderrTail(stderr: string): string {
  const t = stderr.trim();
  return t.length > STDERR_LIMIT ? `…${t.slice(-STDERR_LIMIT)}` : t;
}

/**
 * null when the command succeeded; otherwise what failed. `what` names the command (mysqldump,
 * mysql); a missing status means the connection ended before the command did.
 */
export function execFailure(
  what: string,
  status: ExecStatus | null,
  stderr: string,
): string | null {
  const err = stderrTail(stderr);
  const tail = err ? `: ${err}` : '';
  if (!status) return `${what} did not finish: the exec connection closed without a status${tail}`;
  if (status.status === 'Success') return null;
  const code = exitCodeOf(status);
  if (code !== null) return `${what} failed with exit code ${code}${tail}`;
  return `${what} failed (${status.reason ?? status.status ?? 'no status'}: ${status.message ?? ''})${tail}`;
}
