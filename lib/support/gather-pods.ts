import 'server-only';
/**
 * The release's pods in the support bundle, once the cluster reads are in: the pods and their
 * summaries (why each is not ready), the events that concern them, then their containers' logs
 * (the last lines of each, within a byte budget shared by all).
 */
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import type { EventLike, PodLike } from '../status/k8s-types';
import { summarizePod } from '../status/pod-summary';
import { pool } from '../pool';
import {
  cleanObject,
  eventsText,
  planLogs,
  podRef,
  podsText,
  selectEvents,
  type LogRequest,
} from './plan';
import type { ClusterFindings } from './gather-cluster';
import { apiErrorText, json, type Gathering, type Obj } from './gathering';

const podName = (p: Obj) => String((p.metadata as Obj | undefined)?.name ?? '');

/** namespace/pods.json and pods.txt (each pod summarized, with the events and claims it waits on). */
export function putPods(
  g: Gathering,
  found: ClusterFindings,
  t: { namespace: string; release: string },
): void {
  if (!found.pods) return;
  const pods = found.pods;
  g.put('namespace/pods.json', json(pods));
  if (pods.length === 0)
    g.notes.push(
      `No pod in namespace ${t.namespace} carries the label app.kubernetes.io/instance=${t.release}.`,
    );
  const nowMs = g.now();
  const events = (found.events ?? []) as unknown as EventLike[];
  const summaries = pods.map((p) =>
    summarizePod({ pod: p as unknown as PodLike, events, pvcs: found.pvcs, nowMs }),
  );
  g.put('namespace/pods.txt', podsText(summaries));
}

/** namespace/events.json and events.txt: the events of the release's pods and every Warning. */
export function putEvents(g: Gathering, found: ClusterFindings): void {
  if (!found.events) return;
  const podNames = new Set((found.pods ?? []).map(podName));
  const selected = selectEvents(found.events, podNames).map((e) => cleanObject(e));
  g.put('namespace/events.json', json(selected));
  g.put('namespace/events.txt', eventsText(selected));
}

/** One container's log, or a file saying why there is none (the why also goes to `noLog`). */
async function fetchLog(
  g: Gathering,
  kc: k8s.KubeConfig,
  namespace: string,
  r: LogRequest,
  noLog: string[],
): Promise<void> {
  const ms = g.requestMs();
  if (ms === null) return g.outOfTime(r.file);
  try {
    const text = await apiClient(kc, k8s.CoreV1Api, {
      timeoutMs: ms,
      signal: g.signal,
    }).readNamespacedPodLog({
      name: r.pod,
      namespace,
      container: r.container,
      previous: r.previous,
      tailLines: r.tailLines,
      limitBytes: r.limitBytes,
    });
    g.put(r.file, typeof text === 'string' ? text : String(text ?? ''));
  } catch (e) {
    const why = apiErrorText(e, `pods/log in ${namespace}`);
    noLog.push(why);
    g.put(r.file, `(no log: ${why})\n`);
  }
}

/** What README.txt says when some or all of the logs asked for did not come. */
function logNotes(asked: number, noLog: string[]): string[] {
  if (asked && noLog.length === asked)
    return [
      `Container logs: the cluster gave none for any of the ${asked} container log(s) asked for (first answer: ${noLog[0]}) A simulated cluster (KWOK) runs no containers and has no logs; on a real cluster, a container that never started has none either. Each log file says why.`,
    ];
  if (noLog.length)
    return [
      `Container logs: ${noLog.length} of ${asked} gave no log (a container that has not started has none); each such file says why.`,
    ];
  return [];
}

/** The containers' logs (previous ones too, where a container restarted), a few at a time. */
export async function gatherLogs(
  g: Gathering,
  kc: k8s.KubeConfig,
  namespace: string,
  pods: Obj[],
): Promise<void> {
  const { requests, omitted } = planLogs(
    pods.map((p) => podRef(p as Parameters<typeof podRef>[0])),
    g.limits,
  );
  if (omitted.length)
    g.notes.push(
      `Logs left out to keep the bundle within ${g.limits.logBytesTotal} bytes of logs: ${omitted.join(', ')}.`,
    );
  const noLog: string[] = [];
  await pool(
    requests.map((r) => () => fetchLog(g, kc, namespace, r, noLog)),
    g.limits.concurrency,
  );
  g.notes.push(...logNotes(requests.length, noLog));
}
