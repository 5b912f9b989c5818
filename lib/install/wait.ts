import 'server-only';
/** The wait step: the namespace feed folded by the tracker until ready, certain failure, deadline or cancel. */
import type { ExpectedWorkload, InstallEventBody } from '../status/events';
import type { NamespaceFeed } from './feed';
import { diagnosisLines, WaitTracker } from './tracker';

export interface WaitDeps {
  feed: NamespaceFeed;
  now: () => number;
  /** How often time-based rules are re-checked (a pull back-off becomes certain with time alone). */
  tickMs?: number;
}

export type WaitResult =
  { state: 'succeeded' } | { state: 'failed'; summary: string[] } | { state: 'cancelled' };

/**
 * Watches until every expected workload is ready or a failure is certain or `deadlineMs` passes.
 * With no expected workloads (a chart of Services only) it succeeds at once.
 */
export function waitForRelease(
  release: string,
  expected: ExpectedWorkload[],
  deadlineMs: number,
  deps: WaitDeps,
  emit: (b: InstallEventBody) => unknown,
  signal: AbortSignal,
): Promise<WaitResult> {
  emit({
    type: 'step',
    step: 'wait',
    state: 'running',
    message: `Waiting for ${expected.length} workloads to be ready`,
  });
  const tracker = new WaitTracker(release, expected);
  return new Promise<WaitResult>((resolve) => {
    let ended = false;
    let unsubscribe = () => {};
    const end = (r: WaitResult) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
      unsubscribe();
      const message =
        r.state === 'succeeded'
          ? 'Every workload is ready'
          : r.state === 'failed'
            ? (r.summary[0] ?? 'failed')
            : 'Stopped watching';
      emit({
        type: 'step',
        step: 'wait',
        state: r.state === 'succeeded' ? 'done' : r.state === 'failed' ? 'failed' : 'skipped',
        message,
      });
      resolve(r);
    };
    const check = () => {
      const v = tracker.verdict(deps.now(), deadlineMs);
      if (v.state !== 'waiting') end(v);
    };
    const onAbort = () => end({ state: 'cancelled' });
    const timer = setInterval(() => {
      for (const b of tracker.rediagnose(deps.now())) emit(b);
      check();
    }, deps.tickMs ?? 1000);
    signal.addEventListener('abort', onAbort, { once: true });
    unsubscribe = deps.feed((e) => {
      if (ended) return;
      const now = deps.now();
      if (e.type === 'ERROR') return; // the feed retries by itself; the deadline still bounds the wait
      const out =
        e.type === 'SYNC'
          ? tracker.sync(e.kind, e.items, now)
          : tracker.apply(e.kind, e.type, e.object, now);
      for (const b of out) emit(b);
      check();
    });
    if (signal.aborted) onAbort();
    else check();
  });
}

/**
 * Until the returned stop is called: every pod (and warning event) of the release as it changes,
 * before the expected workloads are known — so a pod that fails while helm still applies the
 * release, or while its manifest is read back, is on the dashboard at once, not when the wait
 * step starts. It also keeps the shared namespace watch warm for the wait step.
 */
export function followPods(
  release: string,
  feed: NamespaceFeed,
  now: () => number,
  emit: (b: InstallEventBody) => unknown,
): () => void {
  const tracker = new WaitTracker(release, []);
  let stopped = false;
  const unsubscribe = feed((e) => {
    if (stopped || e.type === 'ERROR') return;
    const out =
      e.type === 'SYNC'
        ? tracker.sync(e.kind, e.items, now())
        : tracker.apply(e.kind, e.type, e.object, now());
    for (const b of out) if (b.type === 'pod' || b.type === 'k8s-event') emit(b);
  });
  return () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
  };
}

/**
 * The reasons of every pod of the release that is not ready, from one look at the namespace (the
 * feed's first lists, or `settleMs`): what a failed helm run leaves behind, captured before
 * anything is cleaned up.
 */
export function podReasons(
  release: string,
  feed: NamespaceFeed,
  now: () => number,
  settleMs = 3000,
): Promise<string[]> {
  const tracker = new WaitTracker(release, []);
  const synced = new Set<string>();
  return new Promise((resolve) => {
    let unsubscribe = () => {};
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(
        tracker
          .podSummaries()
          .filter((p) => p.readiness !== 'ready')
          .flatMap((p) =>
            p.diagnosis
              ? diagnosisLines(p.diagnosis)
              : [`${p.name}: ${p.status} (${p.ready} ready)`],
          ),
      );
    };
    const timer = setTimeout(finish, settleMs);
    unsubscribe = feed((e) => {
      if (e.type === 'SYNC') {
        tracker.sync(e.kind, e.items, now());
        synced.add(e.kind);
      } else if (e.type !== 'ERROR') tracker.apply(e.kind, e.type, e.object, now());
      if (synced.has('Pod') && synced.has('Event')) finish();
    });
  });
}
