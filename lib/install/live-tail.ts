/**
 * The live tail of a finished job: while a dashboard shows the job, the namespace is still
 * watched and what changes is logged on (pods, workloads, Warning events), so the page keeps
 * showing what the cluster shows — the job may end at the first certain failure, a second before
 * the database pods turn Ready and the kubelet's Failed events arrive.
 *
 * It folds the job's log into the state the page shows, reads the namespace through the shared
 * watch (its snapshot first, then every change), and appends only what differs from that state
 * (lib/status/live-delta.ts), so re-attaching after a reload logs nothing when nothing changed.
 * No IO of its own: the feed and the clock are passed in.
 */
import { changedBodies, vanishedPods } from '../status/live-delta';
import type { InstallEventBody } from '../status/events';
import { initialInstallState, reduceInstallAll, type InstallState } from '../status/reducer';
import type { NamespaceFeed } from './feed';
import type { JobLog } from './job-log';
import { WaitTracker } from './tracker';

export interface LiveTailDeps {
  feed: NamespaceFeed;
  now: () => number;
  /** How often time-based diagnoses are re-checked (a pull back-off becomes certain with time). */
  tickMs?: number;
}

/** Starts the tail of `log` (a finished job of `release`); returns its stop. */
export function startLiveTail(log: JobLog, release: string, deps: LiveTailDeps): () => void {
  let state: InstallState = reduceInstallAll(initialInstallState, log.since(0));
  const tracker = new WaitTracker(release, state.expected);
  let pending: InstallEventBody[] = [];
  let scheduled = false;
  let stopped = false;
  // One batch per tick: the feed delivers its snapshot (every collection) synchronously, so a pod
  // and the events that explain it are compared with the page's state together.
  const flush = () => {
    scheduled = false;
    if (stopped) return;
    const batch = pending;
    pending = [];
    const appended = changedBodies(state, batch).flatMap((b) => log.appendLive(b) ?? []);
    if (appended.length) state = reduceInstallAll(state, appended);
  };
  const queue = (bodies: InstallEventBody[]) => {
    pending.push(...bodies);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  const unsubscribe = deps.feed((e) => {
    if (stopped || e.type === 'ERROR') return;
    const now = deps.now();
    if (e.type === 'SYNC') {
      // A complete list: rows the page shows that the cluster no longer has are gone.
      const gone =
        e.kind === 'Pod'
          ? vanishedPods(state, new Set(e.items.map((o) => o.metadata?.name ?? '')))
          : [];
      queue([...gone, ...tracker.sync(e.kind, e.items, now)]);
    } else queue(tracker.apply(e.kind, e.type, e.object, now));
  });
  const timer = setInterval(() => queue(tracker.rediagnose(deps.now())), deps.tickMs ?? 5000);
  timer.unref?.();
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}
