/**
 * What every gatherer of a support bundle shares (collect.ts composes them): one time budget (an
 * abort signal for everything, a deadline for each request), the files gathered so far, and the
 * lines README.txt will hold: what could not be collected (failures) and what is worth knowing
 * (notes). A gatherer never throws for the cluster's sake: it says why in one of those lines.
 */
import { errorText } from '../preflight/runner';
import {
  DEFAULT_LIMITS,
  planFiles,
  requestTimeout,
  type BundleLimits,
  type PlannedFile,
} from './plan';

export type Obj = Record<string, unknown>;

export const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export interface Gathering {
  readonly limits: BundleLimits;
  readonly now: () => number;
  /** When the bundle was started (the budget counts from here). */
  readonly startedAt: Date;
  /** Aborts every request still running once the budget is spent. */
  readonly signal: AbortSignal;
  /** The files the plan expects (README.txt says what each holds). */
  readonly planned: PlannedFile[];
  /** Every file gathered so far, by its path in the bundle, in the order gathered. */
  readonly files: Map<string, string>;
  readonly collected: PlannedFile[];
  readonly failures: string[];
  readonly notes: string[];
  put(file: string, content: string): void;
  /** The deadline for a request starting now, or null when too little of the budget is left. */
  requestMs(): number | null;
  /** Names `label` as not collected for want of time. */
  outOfTime(label: string): void;
  /** Stops the budget's clock (the bundle is packed). */
  end(): void;
}

export function startGathering(o: {
  now?: () => number;
  limits?: Partial<BundleLimits>;
  hasAnswers: boolean;
  hasJob: boolean;
  runPreflight: boolean;
}): Gathering {
  const now = o.now ?? Date.now;
  const limits: BundleLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const t0 = now();
  const budget = new AbortController();
  const budgetTimer = setTimeout(() => budget.abort(), limits.budgetMs);
  const planned = planFiles(o);
  const what = new Map(planned.map((p) => [p.file, p.what]));
  const files = new Map<string, string>();
  const collected: PlannedFile[] = [];
  const failures: string[] = [];
  return {
    limits,
    now,
    startedAt: new Date(t0),
    signal: budget.signal,
    planned,
    files,
    collected,
    failures,
    notes: [],
    put(file, content) {
      files.set(file, content);
      collected.push({
        file,
        what: what.get(file) ?? (file.startsWith('logs/') ? 'container log (last lines)' : ''),
      });
    },
    requestMs: () => requestTimeout(t0, now(), limits),
    outOfTime: (label) =>
      void failures.push(
        `${label}: not collected, the time budget of ${Math.round(limits.budgetMs / 1000)} s ran out.`,
      ),
    end: () => clearTimeout(budgetTimer),
  };
}

/** A one-line, secret-free reason an API call failed. */
export function apiErrorText(e: unknown, what: string): string {
  const err = e as { code?: unknown; body?: unknown; name?: string };
  if (typeof err.code === 'number' && err.code >= 400) {
    let message = '';
    try {
      const b = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
      if (b && typeof b === 'object' && typeof (b as Obj).message === 'string')
        message = (b as Obj).message as string;
    } catch {
      /* not JSON: no message */
    }
    const label =
      err.code === 403
        ? 'denied (403 Forbidden)'
        : err.code === 401
          ? 'not authenticated (401)'
          : err.code === 404
            ? 'not found (404)'
            : `HTTP ${err.code}`;
    const fix =
      err.code === 403
        ? ` Grant the context's user read access to ${what} (npm run cli -- preflight --print-rbac USER lists what the install needs).`
        : '';
    return `${label}${message ? `: ${message.split('\n')[0]}` : ''}.${fix}`;
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `no answer in time (${errorText(e)}).`;
  return `${errorText(e)}.`;
}
