/** One pod → the row the dashboard and CLI show (kubectl columns + readiness + diagnosis). PURE. */
import type { PodSummary } from './events';
import { diagnosePod, type DiagnoseInput } from './diagnose';
import { toIso } from './k8s-types';
import { podColumns } from './pod-status';
import { workloadReadiness } from './readiness';

/** The Lightrun component of a pod: its app.kubernetes.io/component label, else its `app` label, else "". */
export function componentOf(labels: Record<string, string> | undefined): string {
  return labels?.['app.kubernetes.io/component'] ?? labels?.app ?? '';
}

/**
 * Summarize a pod for the `pod` event (the job calls this on every pod and relevant event change).
 * @param input the pod, the namespace's events and claims, any fetched log lines, and `nowMs`
 */
export function summarizePod(input: DiagnoseInput): PodSummary {
  const { pod } = input;
  const cols = podColumns(pod);
  const readiness = workloadReadiness({ ...pod, kind: 'Pod' }).state;
  const summary: PodSummary = {
    name: pod.metadata?.name ?? '',
    component: componentOf(pod.metadata?.labels),
    phase: pod.status?.phase ?? 'Pending',
    status: cols.status,
    ready: cols.ready,
    restarts: cols.restarts,
    node: pod.spec?.nodeName ?? '',
    createdAt: toIso(pod.metadata?.creationTimestamp) ?? '',
    resourceVersion: pod.metadata?.resourceVersion ?? '',
    readiness,
  };
  if (cols.lastRestartAt) summary.lastRestartAt = cols.lastRestartAt;
  if (readiness !== 'ready') {
    const diagnosis = diagnosePod(input);
    if (diagnosis) summary.diagnosis = diagnosis;
    // A certain failure (readiness.ts thresholds) is a failed pod: the job may stop waiting.
    if (diagnosis?.certain) summary.readiness = 'failed';
  }
  return summary;
}
