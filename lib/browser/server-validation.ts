import { get, set, type FieldErrors, type Resolver } from 'react-hook-form';
import type { Answers, AnswersIssue } from '@/lib/answers';

export type ValidationState = { issues: AnswersIssue[] | null; pending: boolean };

const UNREACHABLE =
  'The answers could not be checked: is the wizard’s server still running? Change any answer to try again.';

/** Server issues as react-hook-form errors; the first issue of a path wins, as with zodResolver. */
export function toFieldErrors(issues: readonly AnswersIssue[]): FieldErrors<Answers> {
  const errors: FieldErrors<Answers> = {};
  for (const i of issues) {
    const name = i.path.length > 0 ? i.path.join('.') : 'root.server';
    if (get(errors, name) === undefined) set(errors, name, { type: 'server', message: i.message });
  }
  return errors;
}

/**
 * The issues a response of `POST /api/validate` carries: 200 is a completed check (`{issues}`,
 * empty when valid); any other status is a refused request (`{error}`: too large, cross-origin,
 * signed out), shown as one form-level issue so the admin sees why nothing is checked.
 */
export function issuesOfResponse(status: number, body: unknown): AnswersIssue[] {
  const b = (body ?? {}) as { issues?: unknown; error?: unknown };
  if (status === 200 && Array.isArray(b.issues)) return b.issues as AnswersIssue[];
  if (status === 401)
    return [
      {
        path: [],
        message: 'Your session with the wizard’s server ended: reload the page and sign in again.',
      },
    ];
  if (typeof b.error === 'string')
    return [{ path: [], message: `The server refused the check (${status}): ${b.error}` }];
  return [{ path: [], message: UNREACHABLE }];
}

/**
 * Answers validation by the server (`POST /api/validate`, the shared schema with every cross-field
 * rule), so the browser loads no zod. It gives a react-hook-form resolver and the newest complete
 * issue list (step rail, review). Checks within `delay` ms share one request; a newer check aborts
 * the request in flight, and every caller still waiting gets the issues of the newest answers.
 */
export function createServerValidation({
  url = '/api/validate',
  delay = 100,
  fetchImpl = (...a: Parameters<typeof fetch>) => fetch(...a),
} = {}) {
  let state: ValidationState = { issues: null, pending: false };
  let waiters: ((issues: AnswersIssue[]) => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
  const listeners = new Set<(s: ValidationState) => void>();
  const publish = (s: ValidationState) => {
    state = s;
    listeners.forEach((l) => l(s));
  };

  async function send(values: unknown): Promise<void> {
    const ctrl = (inflight = new AbortController());
    let issues: AnswersIssue[];
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(values),
        signal: ctrl.signal,
        cache: 'no-store',
      });
      issues = issuesOfResponse(res.status, await res.json().catch(() => null));
    } catch {
      issues = [{ path: [], message: UNREACHABLE }];
    }
    if (ctrl.signal.aborted) return; // a newer check took over the waiting callers
    inflight = null;
    const done = waiters;
    waiters = [];
    publish({ issues, pending: false });
    done.forEach((resolve) => resolve(issues));
  }

  /** Every issue of these answers, from the server (shared with any check made meanwhile). */
  function check(values: Answers): Promise<AnswersIssue[]> {
    return new Promise((resolve) => {
      waiters.push(resolve);
      clearTimeout(timer);
      inflight?.abort();
      if (!state.pending) publish({ ...state, pending: true });
      timer = setTimeout(() => void send(values), delay);
    });
  }

  const resolver: Resolver<Answers> = async (values) => {
    const issues = await check(values);
    return issues.length === 0
      ? { values, errors: {} }
      : { values: {}, errors: toFieldErrors(issues) };
  };

  return {
    check,
    resolver,
    getState: () => state,
    subscribe(listener: (s: ValidationState) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type ServerValidation = ReturnType<typeof createServerValidation>;
