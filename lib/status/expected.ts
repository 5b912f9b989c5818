/** Expected workloads of a release from its rendered manifests (helm template / helm get manifest). PURE. */
import { parseAllDocuments } from 'yaml';
import type { ExpectedWorkload, WorkloadKind } from './events';
import { componentOf } from './pod-summary';

const KINDS = new Set<WorkloadKind>(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'PersistentVolumeClaim']);

interface Doc {
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    completions?: number;
    minReplicas?: number;
    scaleTargetRef?: { kind?: string; name?: string };
    template?: { metadata?: { labels?: Record<string, string> } };
  };
}

/**
 * The workloads a manifest creates, in manifest order: Deployments, StatefulSets, DaemonSets and
 * Jobs (replicas from spec.replicas, an HPA's minReplicas when one targets it, completions for a
 * Job; 0 for a DaemonSet, whose size the cluster decides) and standalone PersistentVolumeClaims.
 * Helm hooks are left out: they are not part of the release's steady state.
 * @throws Error naming the document when the manifest is not valid YAML
 */
export function expectedWorkloads(manifest: string): ExpectedWorkload[] {
  const docs: Doc[] = [];
  parseAllDocuments(manifest).forEach((d, i) => {
    if (d.errors.length) throw new Error(`rendered manifest document ${i + 1} is not valid YAML: ${d.errors[0]!.message}`);
    const value = d.toJS() as Doc | null;
    if (value && typeof value === 'object') docs.push(value);
  });
  const hpaMin = new Map<string, number>();
  for (const d of docs) {
    const ref = d.spec?.scaleTargetRef;
    if (d.kind === 'HorizontalPodAutoscaler' && ref?.kind && ref.name) hpaMin.set(`${ref.kind}/${ref.name}`, d.spec?.minReplicas ?? 1);
  }
  const out: ExpectedWorkload[] = [];
  for (const d of docs) {
    const kind = d.kind as WorkloadKind;
    const name = d.metadata?.name;
    if (!KINDS.has(kind) || !name || d.metadata?.annotations?.['helm.sh/hook']) continue;
    const component = componentOf(d.metadata?.labels) || componentOf(d.spec?.template?.metadata?.labels);
    out.push({ kind, name, component, replicas: replicasOf(d, kind, hpaMin.get(`${kind}/${name}`)) });
  }
  return out;
}

function replicasOf(d: Doc, kind: WorkloadKind, hpa: number | undefined): number {
  switch (kind) {
    case 'Job': return d.spec?.completions ?? 1;
    case 'DaemonSet': return 0;
    case 'PersistentVolumeClaim': return 1;
    default: return d.spec?.replicas ?? hpa ?? 1;
  }
}
