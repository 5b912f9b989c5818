/**
 * How many jobs the server runs and remembers (PURE). A watch-only job (adopting a release after
 * a restart) is cheap to start and worth little afterwards; an install, upgrade, rollback or
 * uninstall is the admin's record of a change. So the two are counted apart: no number of watches
 * pushes a change out of the history, and each has its own cap while running.
 */
/** What a job does: `status` only watches a release; the others change it. */
export type JobKind = 'install' | 'status' | 'rollback' | 'uninstall';

/** Finished changes kept for replay and the jobs list. */
export const KEEP_FINISHED_CHANGES = 20;
/** Finished watch-only jobs kept. */
export const KEEP_FINISHED_WATCHES = 5;
/** Changes running at once: each runs a helm process (about 50–200 MB). */
export const MAX_RUNNING_CHANGES = 4;
/** Watch-only jobs running at once: each holds one namespace watch. */
export const MAX_RUNNING_WATCHES = 16;

export const isWatch = (kind: JobKind) => kind === 'status';

type Job = { id: string; kind: JobKind; finished: boolean };

/** The ids of finished jobs to forget, oldest first, given the jobs oldest first. */
export function jobsToForget(jobs: readonly Job[]): string[] {
  const over = (watch: boolean, keep: number) => {
    const done = jobs.filter((j) => j.finished && isWatch(j.kind) === watch);
    return done.slice(0, Math.max(0, done.length - keep)).map((j) => j.id);
  };
  const drop = new Set([
    ...over(false, KEEP_FINISHED_CHANGES),
    ...over(true, KEEP_FINISHED_WATCHES),
  ]);
  return jobs.filter((j) => drop.has(j.id)).map((j) => j.id);
}

/** Why a new job of `kind` may not start now, or null when it may. */
export function startRefusal(kind: JobKind, running: readonly { kind: JobKind }[]): string | null {
  const watch = isWatch(kind);
  const same = running.filter((j) => isWatch(j.kind) === watch).length;
  const max = watch ? MAX_RUNNING_WATCHES : MAX_RUNNING_CHANGES;
  if (same < max) return null;
  return watch
    ? `${same} releases are being watched already, the most this server follows at once: close a dashboard or wait for one to settle.`
    : `${same} installs, upgrades, rollbacks or uninstalls are running, the most this server runs at once: wait for one to end.`;
}
