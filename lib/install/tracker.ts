/**
 * The wait step's pure core: folds the namespace's raw objects (pods, events, workloads, claims)
 * into the events the job logs, and decides when the install is done — every expected workload
 * ready — or when a failure is *certain* (lib/status/readiness.ts thresholds, via each pod's
 * diagnosis), or the deadline passed. No IO; time is passed in.
 */
import type {
  Diagnosis,
  ExpectedWorkload,
  InstallEventBody,
  PodSummary,
  WorkloadKind,
} from '../status/events';
import type { EventLike, PodLike, PvcLike } from '../status/k8s-types';
import { toIso } from '../status/k8s-types';
import { summarizePod } from '../status/pod-summary';
import { workloadReadiness, type WorkloadReadiness } from '../status/readiness';

export type WatchKind =
  'Pod' | 'Event' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'PersistentVolumeClaim';
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
interface Meta {
  name?: string;
  uid?: string;
  namespace?: string;
  labels?: Record<string, string>;
  resourceVersion?: string;
  creationTimestamp?: unknown;
}
export type RawObject = { metadata?: Meta; [k: string]: unknown };

export type Verdict =
  { state: 'waiting' } | { state: 'succeeded' } | { state: 'failed'; summary: string[] };

/** Events remembered per namespace for diagnosis (oldest dropped first). */
const MAX_EVENTS = 2000;

const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** One line naming a pod and its reason: what the CLI prints and the done event carries. */
export function diagnosisLine(d: Diagnosis): string {
  const detail = [d.container && `container ${d.container}`, d.image && `image ${d.image}`]
    .filter(Boolean)
    .join(', ');
  return `${d.pod}: ${d.reason}${detail ? ` (${detail})` : ''}: ${d.message}`;
}

/** The summary lines for one diagnosis: the reason line, then the fix. */
export function diagnosisLines(d: Diagnosis, indent = ''): string[] {
  return [`${indent}${diagnosisLine(d)}`, ...(d.fix ? [`${indent}  fix: ${d.fix}`] : [])];
}

export class WaitTracker {
  private readonly pods = new Map<string, PodLike & RawObject>();
  private readonly summaries = new Map<string, PodSummary>();
  private readonly events = new Map<string, EventLike & RawObject>();
  private readonly pvcs = new Map<string, PvcLike & RawObject>();
  private readonly workloads = new Map<string, WorkloadReadiness>();

  constructor(
    private readonly release: string,
    private readonly expected: readonly ExpectedWorkload[],
  ) {}

  private ours(o: RawObject): boolean {
    return o.metadata?.labels?.[INSTANCE_LABEL] === this.release;
  }

  private component(name: string): string {
    return this.expected.find((w) => w.name === name)?.component ?? '';
  }

  /** Folds one watch event; returns the job events it causes. */
  apply(kind: WatchKind, type: WatchType, obj: RawObject, nowMs: number): InstallEventBody[] {
    const name = obj.metadata?.name ?? '';
    if (kind === 'Event') return this.applyEvent(type, obj as EventLike & RawObject, nowMs);
    if (kind === 'PersistentVolumeClaim') {
      if (type === 'DELETED') this.pvcs.delete(name);
      else this.pvcs.set(name, obj as PvcLike & RawObject);
      return this.rediagnose(nowMs);
    }
    if (kind === 'Pod') {
      if (!this.ours(obj)) return [];
      if (type === 'DELETED') {
        this.pods.delete(name);
        const last = this.summaries.get(name);
        this.summaries.delete(name);
        return last ? [{ type: 'pod', op: 'delete', pod: last }] : [];
      }
      this.pods.set(name, obj as PodLike & RawObject);
      const s = this.summarize(obj as PodLike & RawObject, nowMs);
      this.summaries.set(name, s);
      return [{ type: 'pod', op: 'upsert', pod: s }];
    }
    if (!this.expected.some((w) => w.kind === kind && w.name === name)) return [];
    if (type === 'DELETED') {
      this.workloads.delete(`${kind}/${name}`);
      return [];
    }
    const r = workloadReadiness({ ...(obj as object), kind } as Parameters<
      typeof workloadReadiness
    >[0]);
    this.workloads.set(`${kind}/${name}`, r);
    return [
      {
        type: 'workload',
        kind: kind as WorkloadKind,
        name,
        component: this.component(name),
        ready: r.ready,
        desired: r.desired,
        state: r.state,
        message: r.message,
        resourceVersion: obj.metadata?.resourceVersion ?? '',
      },
    ];
  }

  /** A full list (initial list or relist after 410): objects gone from it count as deleted. */
  sync(kind: WatchKind, items: readonly RawObject[], nowMs: number): InstallEventBody[] {
    const names = new Set(items.map((o) => o.metadata?.name ?? ''));
    const out: InstallEventBody[] = [];
    if (kind === 'Pod')
      for (const [name, pod] of [...this.pods])
        if (!names.has(name)) out.push(...this.apply('Pod', 'DELETED', pod, nowMs));
    for (const o of items) out.push(...this.apply(kind, 'ADDED', o, nowMs));
    return out;
  }

  private applyEvent(type: WatchType, e: EventLike & RawObject, nowMs: number): InstallEventBody[] {
    const uid = e.metadata?.uid ?? e.metadata?.name ?? '';
    if (type === 'DELETED') {
      this.events.delete(uid);
      return [];
    }
    this.events.delete(uid);
    this.events.set(uid, e);
    if (this.events.size > MAX_EVENTS)
      this.events.delete(this.events.keys().next().value as string);
    const out: InstallEventBody[] = [];
    const obj = e.involvedObject;
    const related =
      obj?.name !== undefined &&
      (obj.name === this.release || obj.name.startsWith(`${this.release}-`));
    if (related && e.type === 'Warning') {
      out.push({
        type: 'k8s-event',
        uid,
        eventType: e.type,
        object: { kind: obj?.kind ?? '', name: obj?.name ?? '' },
        reason: e.reason ?? '',
        message: e.message ?? '',
        count: Math.max(1, e.count ?? 1),
        lastTimestamp:
          toIso((e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp) as string | undefined) ??
          new Date(nowMs).toISOString(),
      });
    }
    return [...out, ...this.rediagnose(nowMs)];
  }

  private summarize(pod: PodLike & RawObject, nowMs: number): PodSummary {
    return summarizePod({
      pod,
      events: [...this.events.values()],
      pvcs: [...this.pvcs.values()],
      nowMs,
    });
  }

  /** Re-diagnoses every pod (time passes, events arrive); returns upserts for those whose diagnosis changed. */
  rediagnose(nowMs: number): InstallEventBody[] {
    const out: InstallEventBody[] = [];
    for (const [name, pod] of this.pods) {
      const s = this.summarize(pod, nowMs);
      if (JSON.stringify(s.diagnosis) !== JSON.stringify(this.summaries.get(name)?.diagnosis)) {
        this.summaries.set(name, s);
        out.push({ type: 'pod', op: 'upsert', pod: s });
      }
    }
    return out;
  }

  /** Done, failed (certain, or past the deadline) or still waiting. */
  verdict(nowMs: number, deadlineMs: number): Verdict {
    const failedWorkloads = [...this.workloads.values()].filter((w) => w.state === 'failed');
    const certain = [...this.summaries.values()].filter((s) => s.diagnosis?.certain);
    if (certain.length > 0 || failedWorkloads.length > 0) {
      // The job stops at the first certain failure; the other pods that fail too are named with
      // what they show now, so one certain pod does not hide four others (issue 25 #13).
      const others = [...this.summaries.values()].filter(
        (s) => s.readiness !== 'ready' && !s.diagnosis?.certain && s.diagnosis,
      );
      return {
        state: 'failed',
        summary: [
          ...certain.flatMap((s) => diagnosisLines(s.diagnosis!)),
          ...failedWorkloads.map((w) => `${w.kind} ${w.name}: ${w.message}`),
          ...others.map(
            (s) => `${diagnosisLine(s.diagnosis!)} (not ready either; not yet certain)`,
          ),
        ],
      };
    }
    const notReady = this.expected.filter(
      (w) => this.workloads.get(`${w.kind}/${w.name}`)?.state !== 'ready',
    );
    if (notReady.length === 0) return { state: 'succeeded' };
    if (nowMs < deadlineMs) return { state: 'waiting' };
    return { state: 'failed', summary: this.timeoutSummary(notReady) };
  }

  /** Per workload and pod, why it is not ready at the deadline (never just "timed out"). */
  private timeoutSummary(notReady: readonly ExpectedWorkload[]): string[] {
    const lines: string[] = [];
    for (const w of notReady) {
      const r = this.workloads.get(`${w.kind}/${w.name}`);
      lines.push(`${w.kind} ${w.name}: ${r ? r.message : 'not created'}`);
      for (const s of this.summaries.values()) {
        if (!s.name.startsWith(`${w.name}-`) || s.readiness === 'ready') continue;
        if (s.diagnosis) lines.push(...diagnosisLines(s.diagnosis, '  '));
        else lines.push(`  ${s.name}: ${s.status} (${s.ready} ready)`);
      }
    }
    return lines;
  }

  /** The current pod rows (for a status snapshot). */
  podSummaries(): PodSummary[] {
    return [...this.summaries.values()];
  }
}
