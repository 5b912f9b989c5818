import 'server-only';
/**
 * Running and recent jobs, module-level and cached on globalThis (Next dev reloads modules; the
 * jobs must survive that). A job outlives every browser: nothing here depends on a request.
 */
import { randomUUID } from 'node:crypto';
import { JobLog } from './job-log';
import { sweepLeftovers } from '../helm/values-dir';
import type { Outcome } from './job';
import type { Answers } from '../answers';
import type { NamespaceFeed } from './feed';
import { startLiveTail } from './live-tail';
import { TooManyJobsError } from './errors';
import { jobsToForget, startRefusal, type JobKind } from './retention';
import { holdShutdown, ServerStopping, shutdownSignal } from '../shutdown';

export type { JobKind };

export interface JobRecord {
  id: string;
  kind: JobKind;
  /** context/namespace/release: one running job per key. */
  key: string;
  context: string | null;
  namespace: string;
  release: string;
  log: JobLog;
  controller: AbortController;
  startedAt: string;
  outcome: Outcome | null;
  done: Promise<Outcome>;
  /**
   * The install's answers, kept (in this server's memory only, never listed or sent) for the
   * support bundle: its answers.json and values.yaml, and the secret values it is redacted of.
   */
  answers?: Answers;
  /** The namespace to keep watching after the job ended, while a dashboard shows it (see watchLive). */
  live?: NamespaceFeed;
  /** Dashboards following the job now. */
  viewers: number;
  /** Stops the live tail, while one runs. */
  stopTail?: () => void;
}

interface Registry {
  jobs: Map<string, JobRecord>;
  running: Map<string, string>;
  swept: boolean;
}
const g = globalThis as typeof globalThis & { __lightrunInstallJobs?: Registry };

function registry(): Registry {
  if (!g.__lightrunInstallJobs)
    g.__lightrunInstallJobs = { jobs: new Map(), running: new Map(), swept: false };
  const r = g.__lightrunInstallJobs;
  if (!r.swept) {
    r.swept = true;
    sweepLeftovers(); // values files of a server that was killed mid-job
  }
  return r;
}

export const jobKey = (context: string | null, namespace: string, release: string) =>
  `${context ?? ''}\u0000${namespace}\u0000${release}`;

/** The running job for a key, if any. */
export function runningJob(key: string): JobRecord | undefined {
  const r = registry();
  const id = r.running.get(key);
  return id ? r.jobs.get(id) : undefined;
}

/**
 * Starts `run` as a job for the key, or returns the job already running for it (`joined`).
 * `run` gets the job's log and abort signal and resolves with the outcome; the log is closed after.
 * Throws TooManyJobsError when as many jobs of its kind run already (retention.ts).
 */
export function startJob(
  t: {
    kind: JobKind;
    context: string | null;
    namespace: string;
    release: string;
    answers?: Answers;
    live?: NamespaceFeed;
  },
  run: (job: { id: string; log: JobLog; signal: AbortSignal }) => Promise<Outcome>,
): { job: JobRecord; joined: boolean } {
  const r = registry();
  const key = jobKey(t.context, t.namespace, t.release);
  const existing = runningJob(key);
  if (existing) return { job: existing, joined: true };
  const running = [...r.jobs.values()].filter((j) => j.outcome === null);
  const refusal = startRefusal(t.kind, running);
  if (refusal) throw new TooManyJobsError(refusal);
  const id = randomUUID();
  const log = new JobLog();
  const controller = new AbortController();
  const rec: JobRecord = {
    id,
    kind: t.kind,
    key,
    context: t.context,
    namespace: t.namespace,
    release: t.release,
    log,
    controller,
    startedAt: new Date().toISOString(),
    outcome: null,
    done: Promise.resolve('failed'),
    viewers: 0,
    ...(t.live ? { live: t.live } : {}),
    ...(t.answers ? { answers: t.answers } : {}),
  };
  rec.done = run({ id, log, signal: controller.signal })
    .catch((): Outcome => 'failed')
    .then((o) => {
      rec.outcome = o;
      log.close();
      if (r.running.get(key) === id) r.running.delete(key);
      prune(r);
      if (rec.viewers > 0) startTail(rec);
      return o;
    });
  r.jobs.set(id, rec);
  r.running.set(key, id);
  // The server stopping tells the job (helm gets SIGTERM, as with a cancel) and waits for it briefly.
  const stop = shutdownSignal();
  const onStop = () => controller.abort(new ServerStopping());
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  holdShutdown(rec.done.finally(() => stop.removeEventListener('abort', onStop)));
  return { job: rec, joined: false };
}

function prune(r: Registry): void {
  const all = [...r.jobs.values()].map((j) => ({
    id: j.id,
    kind: j.kind,
    finished: j.outcome !== null,
  }));
  for (const id of jobsToForget(all)) {
    const j = r.jobs.get(id)!;
    j.stopTail?.();
    delete j.stopTail;
    r.jobs.delete(id);
  }
}

function startTail(job: JobRecord): void {
  if (!job.live || job.stopTail || job.outcome === null || !getJob(job.id)) return;
  job.stopTail = startLiveTail(job.log, job.release, { feed: job.live, now: Date.now });
}

/**
 * A dashboard follows the job: once the job has ended (now or later), the namespace is still
 * watched and its changes are logged on (live-tail.ts) until the last dashboard leaves. Returns
 * the leave. While the job runs, its own wait step logs the same things.
 */
export function watchLive(job: JobRecord): () => void {
  job.viewers++;
  startTail(job);
  let left = false;
  return () => {
    if (left) return;
    left = true;
    job.viewers--;
    if (job.viewers === 0 && job.stopTail) {
      job.stopTail();
      delete job.stopTail;
    }
  };
}

export function getJob(id: string): JobRecord | undefined {
  return registry().jobs.get(id);
}

/** Running and recent jobs, newest first (no secrets: names and outcomes only). */
export function listJobs(): Array<{
  id: string;
  kind: JobKind;
  context: string | null;
  namespace: string;
  release: string;
  startedAt: string;
  outcome: Outcome | null;
  lastEventId: number;
}> {
  return [...registry().jobs.values()].reverse().map((j) => ({
    id: j.id,
    kind: j.kind,
    context: j.context,
    namespace: j.namespace,
    release: j.release,
    startedAt: j.startedAt,
    outcome: j.outcome,
    lastEventId: j.log.lastId,
  }));
}

/** Cancels a running job (helm gets SIGTERM; the watch stops). False when there is no such running job. */
export function cancelJob(id: string): boolean {
  const j = getJob(id);
  if (!j || j.outcome !== null) return false;
  j.controller.abort();
  return true;
}
