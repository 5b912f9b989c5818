import { setMaxListeners } from 'node:events';
import { fail, type CheckResult, type Verdict } from './result';

/** One check as the runner sees it: an id, a title, its own time budget and the work. */
export type Check = {
  id: string;
  title: string;
  timeoutMs: number;
  /** Gathers and decides; must stop when `signal` aborts (the runner stops waiting anyway). */
  run: (signal: AbortSignal) => Promise<Verdict>;
};

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Runs one check within its timeout; a thrown error or a timeout becomes a `fail` result. */
export async function runOne(
  check: Check,
  outer?: AbortSignal,
  now: () => number = Date.now,
): Promise<CheckResult> {
  const started = now();
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  outer?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => {
      ac.abort();
      resolve(
        fail(
          `No answer within ${seconds(check.timeoutMs)}.`,
          "Check that the target is reachable from the wizard's host (firewall, DNS, address), then run preflight again.",
        ),
      );
    }, check.timeoutMs);
  });
  try {
    const v = await Promise.race([
      check
        .run(ac.signal)
        .catch((e: unknown) =>
          fail(
            `The check itself failed: ${errorText(e)}`,
            'Run preflight again; if it repeats, report it with this message.',
          ),
        ),
      timeout,
    ]);
    return { id: check.id, title: check.title, ...v, ms: Math.max(0, now() - started) };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs every check at once and yields each result as soon as it is ready (a dead database host
 * must not hold back the rest); ends when the last one finished or timed out.
 */
export async function* runChecks(
  checks: Check[],
  signal?: AbortSignal,
): AsyncGenerator<CheckResult> {
  if (signal) setMaxListeners(checks.length + 10, signal); // one abort listener per running check
  const pending = new Map<number, Promise<{ i: number; r: CheckResult }>>();
  checks.forEach((c, i) =>
    pending.set(
      i,
      runOne(c, signal).then((r) => ({ i, r })),
    ),
  );
  while (pending.size > 0) {
    const { i, r } = await Promise.race(pending.values());
    pending.delete(i);
    yield r;
  }
}

/** A one-line, secret-free description of an error (no stack, no request options). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0] ?? e.name;
  return String(e).split('\n')[0] ?? '';
}
