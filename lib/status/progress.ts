/** What the dashboard and the CLI derive from the folded state: progress per component, problems, time. PURE. */
import type { Diagnosis, PodSummary, ReadinessState } from './events';
import type { InstallState } from './reducer';

export interface ComponentProgress {
  component: string;
  ready: number;
  expected: number;
  state: ReadinessState;
  /** The workloads behind it, "Kind/name". */
  workloads: string[];
}

/**
 * "ready / expected" per component, in the order components first appear in the manifests.
 * Expected counts come from the rendered manifests; ready counts from the workload events (a
 * workload not reported yet counts 0 ready). A workload the cluster sized (DaemonSet, expected 0)
 * takes its desired count from the cluster.
 */
export function componentProgress(
  state: Pick<InstallState, 'expected' | 'workloads'>,
): ComponentProgress[] {
  const byComponent = new Map<string, ComponentProgress>();
  for (const w of state.expected) {
    const key = `${w.kind}/${w.name}`;
    const live = state.workloads[key];
    const name = w.component || w.name;
    const entry = byComponent.get(name) ?? {
      component: name,
      ready: 0,
      expected: 0,
      state: 'ready' as ReadinessState,
      workloads: [],
    };
    const expected = w.replicas === 0 && live ? live.desired : w.replicas;
    entry.expected += expected;
    entry.ready += Math.min(live?.ready ?? 0, expected);
    entry.workloads.push(key);
    const s: ReadinessState = live ? live.state : 'in-progress';
    if (s === 'failed' || (s === 'in-progress' && entry.state === 'ready')) entry.state = s;
    byComponent.set(name, entry);
  }
  return [...byComponent.values()];
}

/** Totals over every component. */
export function totalProgress(components: ComponentProgress[]): {
  ready: number;
  expected: number;
} {
  return components.reduce(
    (t, c) => ({ ready: t.ready + c.ready, expected: t.expected + c.expected }),
    { ready: 0, expected: 0 },
  );
}

export interface Problem extends Diagnosis {
  component: string;
}

/** Pods with a diagnosis, certain failures first, then by pod name. */
export function podProblems(pods: ReadonlyMap<string, PodSummary>): Problem[] {
  const out: Problem[] = [];
  for (const p of pods.values())
    if (p.diagnosis) out.push({ ...p.diagnosis, component: p.component });
  return out.sort((a, b) => Number(b.certain) - Number(a.certain) || a.pod.localeCompare(b.pod));
}

const RANK: Record<ReadinessState, number> = { failed: 0, 'in-progress': 1, ready: 2 };

/** Pod table order: failed, then in progress, then ready; within that by component and name. */
export function sortPods(pods: ReadonlyMap<string, PodSummary>): PodSummary[] {
  return [...pods.values()].sort(
    (a, b) =>
      RANK[a.readiness] - RANK[b.readiness] ||
      codeOrder(a.component, b.component) ||
      codeOrder(a.name, b.name),
  );
}

/**
 * The same as `sortPods(pods)`, without sorting again when it need not: when `previous` (the last
 * result) holds the same pods and none changed readiness or component, the order stands and only
 * the changed pods' objects are swapped in. The page orders 1,000 pods on every frame with changes,
 * and a status change that keeps the pod's place (most of them) then costs one pass, not a sort.
 */
export function orderPods(
  previous: readonly PodSummary[] | undefined,
  pods: ReadonlyMap<string, PodSummary>,
): PodSummary[] {
  if (!previous || pods.size !== previous.length) return sortPods(pods);
  const out = new Array<PodSummary>(previous.length);
  for (let i = 0; i < previous.length; i++) {
    const before = previous[i]!;
    const now = pods.get(before.name);
    // Same count and every name still there: the same set of pods.
    if (!now) return sortPods(pods);
    if (
      now !== before &&
      (now.readiness !== before.readiness ||
        now.component !== before.component ||
        now.name !== before.name)
    )
      return sortPods(pods);
    out[i] = now;
  }
  return out;
}

/**
 * Rows cut into blocks of `size` (the last one shorter): the long pod table renders each block as
 * a memoized unit (`sameRows`), so a frame with one changed pod re-renders one block of rows
 * instead of comparing all of them.
 */
export function podBlocks<T>(rows: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`block size must be a whole number of rows, at least 1 (got ${size})`);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The same rows, each the same object, in the same order. */
export function sameRows<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Plain code-unit order: Kubernetes names are lowercase DNS labels (a-z, 0-9, '-', '.'), where it
 * agrees with localeCompare at a fraction of the cost (the table re-sorts 1,000 pods per frame).
 */
function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Elapsed seconds since the job started, capped at the end time once done. */
export function elapsedSeconds(state: InstallState, nowMs: number): number {
  if (!state.job) return 0;
  const start = Date.parse(state.job.startedAt);
  const end = state.done ? Date.parse(state.done.at) : nowMs;
  return Number.isNaN(start) ? 0 : Math.max(0, Math.floor((end - start) / 1000));
}

/** "4m05s" style clock for elapsed/timeout. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}m${String(s).padStart(2, '0')}s`;
}

export type JobKind = 'install' | 'rollback' | 'uninstall';

/** What the job does, from its steps (rollback and uninstall jobs log a step of that name). */
export function jobKind(state: InstallState): JobKind {
  if (state.steps.some((s) => s.step === 'uninstall')) return 'uninstall';
  if (state.steps.some((s) => s.step === 'rollback')) return 'rollback';
  return 'install';
}
