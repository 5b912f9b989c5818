/** Expected workloads of a release from its rendered manifests (helm template / helm get manifest). PURE. */
import { parseDocument } from 'yaml';
import type { ExpectedWorkload, WorkloadKind } from './events';
import { componentOf } from './pod-summary';

const KINDS = new Set<WorkloadKind>([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'PersistentVolumeClaim',
]);
/** Kinds whose documents are read: the workloads and the HPAs that set their replicas. */
const READ = new Set<string>([...KINDS, 'HorizontalPodAutoscaler']);

/** A document marker: `---` at the start of a line (YAML allows it nowhere inside a document). */
const MARKER_G = /^---(?=[ \t\r\n]|$)/gm;
/** The document's top-level `kind:` in block style (how helm and kubectl write manifests). */
const TOP_KIND = /^kind:[ \t]*(["']?)([A-Za-z][A-Za-z0-9]{0,62})\1[ \t]*(?:#[^\n]*)?$/m;
/** A line that holds something other than a comment or blank. */
const CONTENT = /^[ \t]*[^\s#]/m;

interface Doc {
  kind?: string;
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
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
  // A release's manifest is mostly ConfigMaps, Secrets, Services and RBAC (44 KB for the bundled
  // chart): only documents of a kind read here are parsed (about a fifth), by their top-level
  // `kind:` line; a document without one (flow style, or not YAML) is parsed to find out.
  const docs: Doc[] = [];
  let n = 0;
  for (const text of splitDocuments(manifest)) {
    if (!CONTENT.test(text)) continue;
    n++;
    const kind = TOP_KIND.exec(text)?.[2];
    if (kind !== undefined && !READ.has(kind)) continue;
    const d = parseDocument(text);
    if (d.errors.length)
      throw new Error(`rendered manifest document ${n} is not valid YAML: ${d.errors[0]!.message}`);
    const value = d.toJS() as Doc | null;
    if (value && typeof value === 'object') docs.push(value);
  }
  const hpaMin = new Map<string, number>();
  for (const d of docs) {
    const ref = d.spec?.scaleTargetRef;
    if (d.kind === 'HorizontalPodAutoscaler' && ref?.kind && ref.name)
      hpaMin.set(`${ref.kind}/${ref.name}`, d.spec?.minReplicas ?? 1);
  }
  const out: ExpectedWorkload[] = [];
  for (const d of docs) {
    const kind = d.kind as WorkloadKind;
    const name = d.metadata?.name;
    if (!KINDS.has(kind) || !name || d.metadata?.annotations?.['helm.sh/hook']) continue;
    const component =
      componentOf(d.metadata?.labels) || componentOf(d.spec?.template?.metadata?.labels);
    out.push({
      kind,
      name,
      component,
      replicas: replicasOf(d, kind, hpaMin.get(`${kind}/${name}`)),
    });
  }
  return out;
}

/** The text of each document, split at its `---` markers (the rest of a marker line stays with its document, as YAML reads `--- text`). */
const splitDocuments = (manifest: string): string[] => manifest.split(MARKER_G);

function replicasOf(d: Doc, kind: WorkloadKind, hpa: number | undefined): number {
  switch (kind) {
    case 'Job':
      return d.spec?.completions ?? 1;
    case 'DaemonSet':
      return 0;
    case 'PersistentVolumeClaim':
      return 1;
    default:
      return d.spec?.replicas ?? hpa ?? 1;
  }
}
