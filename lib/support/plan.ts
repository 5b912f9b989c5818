/**
 * The support bundle's plan and its pure transforms (PURE): which files it holds, the bounds of
 * the container logs, the time budget arithmetic, what is stripped from each object before it is
 * written (Secret data, managedFields, last-applied annotations), node summaries, the pods/events
 * text views, and README.txt. The IO (collect.ts) runs the plan and records what failed.
 */
import { parseAllDocuments } from 'yaml';
import type { CheckResult } from '../preflight/result';
import type { PodSummary } from '../status/events';

export interface BundleLimits {
  /** Total time for the whole collection, every request included. */
  budgetMs: number;
  /** Each API request's own limit (never more than what is left of the budget). */
  requestMs: number;
  /** Last lines per container log. */
  logTailLines: number;
  /** Bytes per container log (current or previous). */
  logBytesPerContainer: number;
  /** Bytes of every log together. */
  logBytesTotal: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  budgetMs: 60_000,
  requestMs: 10_000,
  logTailLines: 500,
  logBytesPerContainer: 256 * 1024,
  logBytesTotal: 4 * 1024 * 1024,
  concurrency: 4,
};

/** Below this, a request is not started: it could not finish. */
export const MIN_REQUEST_MS = 250;

/**
 * How long the next request may take: its own limit, never past the budget; null when the budget
 * has (nearly) run out and the request should be skipped.
 */
export function requestTimeout(
  startedAt: number,
  now: number,
  l: Pick<BundleLimits, 'budgetMs' | 'requestMs'>,
): number | null {
  const left = startedAt + l.budgetMs - now;
  if (left < MIN_REQUEST_MS) return null;
  return Math.min(l.requestMs, left);
}

export interface BundleTarget {
  /** The kubeconfig context named in the request (null: kubeconfig's current). */
  context: string | null;
  /** The context actually used, and its server URL (README). */
  contextName: string;
  server: string;
  namespace: string;
  release: string;
}

/** One thing to collect: the file it becomes and what it is (README lists these). */
export interface PlannedFile {
  file: string;
  what: string;
}

/** The files of a bundle before logs (which depend on the pods found), in README order. */
export function planFiles(o: {
  hasAnswers: boolean;
  hasJob: boolean;
  runPreflight: boolean;
}): PlannedFile[] {
  const files: PlannedFile[] = [];
  if (o.hasAnswers) {
    files.push({ file: 'answers/answers.json', what: 'the answers, every secret field emptied' });
    files.push({
      file: 'answers/values.yaml',
      what: 'the values rendered from the answers, secrets masked',
    });
  }
  files.push(
    {
      file: 'helm/status.json',
      what: "helm status (release info and notes; values, manifest and hooks' manifests removed)",
    },
    { file: 'helm/history.json', what: 'helm history (last 20 revisions)' },
    {
      file: 'helm/values.yaml',
      what: 'helm get values of the deployed revision, secret keys masked',
    },
    {
      file: 'helm/manifest.yaml',
      what: "helm get manifest, every Secret's data/stringData removed",
    },
    { file: 'cluster/version.json', what: "the API server's version" },
    {
      file: 'cluster/nodes.json',
      what: 'node summaries: capacity, allocatable, conditions, taints, kernel, kubelet and runtime versions',
    },
    { file: 'namespace/pods.json', what: 'every pod of the release: spec and status' },
    {
      file: 'namespace/pods.txt',
      what: 'the pods as kubectl shows them, with why each is not ready and the fix',
    },
    {
      file: 'namespace/events.json',
      what: "the events of the release's pods and every Warning event of the namespace",
    },
    { file: 'namespace/events.txt', what: 'the same events, one line each, oldest first' },
    {
      file: 'namespace/workloads.json',
      what: 'Deployments, StatefulSets, DaemonSets, Jobs, ReplicaSets',
    },
    { file: 'namespace/services.json', what: 'Services' },
    { file: 'namespace/ingresses.json', what: 'Ingresses' },
    { file: 'namespace/pvcs.json', what: 'PersistentVolumeClaims' },
    { file: 'namespace/networkpolicies.json', what: 'NetworkPolicies' },
  );
  if (o.runPreflight)
    files.push({
      file: 'preflight.txt',
      what: 'the preflight checks, run while the bundle was taken (the dry run left out)',
    });
  if (o.hasJob) {
    files.push({
      file: 'job/events.ndjson',
      what: "the install job's event log, one event per line",
    });
    files.push({ file: 'job/events.txt', what: 'the same log as the CLI prints it' });
  }
  return files;
}

export interface ContainerRef {
  name: string;
  restartCount: number;
}
export interface PodRef {
  name: string;
  containers: ContainerRef[];
}

export interface LogRequest {
  pod: string;
  container: string;
  previous: boolean;
  file: string;
  tailLines: number;
  limitBytes: number;
}

/**
 * The container logs to fetch: the current log of every container (init containers included),
 * the previous one where the container has restarted. Each is bounded to the last N lines and to
 * an equal share of the total byte budget (never more than the per-container cap); when even
 * 1 KiB each would not fit, the remaining containers are left out (listed by `omitted`).
 */
export function planLogs(
  pods: PodRef[],
  l: Pick<BundleLimits, 'logTailLines' | 'logBytesPerContainer' | 'logBytesTotal'>,
): { requests: LogRequest[]; omitted: string[] } {
  const wanted: Array<Omit<LogRequest, 'tailLines' | 'limitBytes'>> = [];
  for (const p of pods) {
    for (const c of p.containers) {
      wanted.push({
        pod: p.name,
        container: c.name,
        previous: false,
        file: `logs/${p.name}/${c.name}.log`,
      });
      if (c.restartCount > 0)
        wanted.push({
          pod: p.name,
          container: c.name,
          previous: true,
          file: `logs/${p.name}/${c.name}.previous.log`,
        });
    }
  }
  const fit = Math.min(wanted.length, Math.floor(l.logBytesTotal / 1024));
  if (fit === 0) return { requests: [], omitted: wanted.map((w) => w.file) };
  const share = Math.min(l.logBytesPerContainer, Math.floor(l.logBytesTotal / fit));
  return {
    requests: wanted
      .slice(0, fit)
      .map((w) => ({ ...w, tailLines: l.logTailLines, limitBytes: share })),
    omitted: wanted.slice(fit).map((w) => w.file),
  };
}

/** Pod → the containers whose logs exist (init and main, with restart counts from the status). */
export function podRef(pod: {
  metadata?: { name?: string };
  spec?: { initContainers?: { name: string }[]; containers?: { name: string }[] };
  status?: {
    initContainerStatuses?: { name: string; restartCount?: number }[];
    containerStatuses?: { name: string; restartCount?: number }[];
  };
}): PodRef {
  const restarts = new Map<string, number>();
  for (const s of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ])
    restarts.set(s.name, s.restartCount ?? 0);
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map(
    (c) => c.name,
  );
  return {
    name: pod.metadata?.name ?? '',
    containers: names.map((name) => ({ name, restartCount: restarts.get(name) ?? 0 })),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Annotations that carry a whole earlier object (a Secret's data with it) or nothing useful. */
const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * A copy of an API object fit for the bundle: no managedFields, no last-applied annotation, and
 * for a Secret no `data`/`stringData` (the keys are listed instead).
 */
export function cleanObject<T>(o: T, kind?: string): T {
  if (!isObj(o)) return o;
  const copy = structuredClone(o) as Obj;
  const meta = copy.metadata;
  if (isObj(meta)) {
    delete meta.managedFields;
    if (isObj(meta.annotations)) for (const a of DROPPED_ANNOTATIONS) delete meta.annotations[a];
  }
  if ((kind ?? copy.kind) === 'Secret') stripSecretData(copy);
  return copy as T;
}

function stripSecretData(doc: Obj): void {
  const keys = [
    ...Object.keys(isObj(doc.data) ? doc.data : {}),
    ...Object.keys(isObj(doc.stringData) ? doc.stringData : {}),
  ];
  delete doc.data;
  delete doc.stringData;
  doc.dataKeysRemoved = [...new Set(keys)].sort();
}

/**
 * `helm get manifest` with every Secret's data/stringData removed (their keys listed under
 * `dataKeysRemoved`). A document that does not parse is left out whole (with a comment), never
 * passed through: it could be a Secret.
 */
export function stripManifestSecrets(manifest: string): {
  text: string;
  secrets: string[];
  dropped: number;
} {
  const out: string[] = [];
  const secrets: string[] = [];
  let dropped = 0;
  for (const doc of parseAllDocuments(manifest, { version: '1.1' })) {
    if (doc.errors.length) {
      dropped++;
      out.push('# (a document that does not parse as YAML was left out)\n');
      continue;
    }
    const js = doc.toJS() as unknown;
    if (js === null || js === undefined) continue;
    if (isObj(js) && js.kind === 'Secret') {
      const name =
        isObj(js.metadata) && typeof js.metadata.name === 'string' ? js.metadata.name : '(unnamed)';
      secrets.push(name);
      doc.delete('data');
      doc.delete('stringData');
      const keys = [
        ...Object.keys(isObj(js.data) ? js.data : {}),
        ...Object.keys(isObj(js.stringData) ? js.stringData : {}),
      ];
      doc.set('dataKeysRemoved', [...new Set(keys)].sort());
    }
    out.push(doc.toString({ lineWidth: 0 }));
  }
  return {
    text: out.map((d) => (d.startsWith('---') ? d : `---\n${d}`)).join(''),
    secrets,
    dropped,
  };
}

/**
 * `helm status -o json` without what can hold secrets: the values (`config`), the manifest, the
 * chart's templates, files and default values, and the hooks' manifests (hook names, kinds and
 * phases stay).
 */
export function cleanHelmStatus(statusJson: string): Obj {
  const r = JSON.parse(statusJson) as unknown;
  if (!isObj(r)) return {};
  const out: Obj = {};
  for (const k of ['name', 'namespace', 'version']) if (k in r) out[k] = r[k];
  if (isObj(r.info)) {
    // helm 4 adds the live objects (`info.resources`, Secrets with their data among them): names only.
    const { resources, ...info } = r.info;
    out.info = isObj(resources)
      ? {
          ...info,
          resources: Object.fromEntries(
            Object.entries(resources).map(([kind, list]) => [
              kind,
              (Array.isArray(list) ? list : [])
                .map((o) => (isObj(o) && isObj(o.metadata) ? o.metadata.name : undefined))
                .filter((n) => typeof n === 'string'),
            ]),
          ),
        }
      : info;
  }
  const chart = isObj(r.chart) ? r.chart : undefined;
  if (chart && isObj(chart.metadata)) out.chart = { metadata: chart.metadata };
  if (Array.isArray(r.hooks)) {
    out.hooks = r.hooks.filter(isObj).map((h) => {
      const { manifest: _m, ...rest } = h;
      return rest;
    });
  }
  out.removed = [
    'config (values)',
    'manifest',
    'chart templates/values/files',
    'hooks[].manifest',
    'info.resources objects (names kept)',
  ];
  return out;
}

/** Masks every leaf at a secret path of a values tree (paths per lib/values/secret-paths). */
export function maskTree(
  t: unknown,
  isSecret: (path: string[]) => boolean,
  mask: string,
  path: string[] = [],
): unknown {
  if (Array.isArray(t)) return t.map((v, i) => maskTree(v, isSecret, mask, [...path, String(i)]));
  if (isObj(t))
    return Object.fromEntries(
      Object.entries(t).map(([k, v]) => [k, maskTree(v, isSecret, mask, [...path, k])]),
    );
  if (typeof t === 'string' && t !== '' && isSecret(path)) return mask;
  return t;
}

/** A node as support needs it: sizes, conditions, taints and the versions of what runs on it. */
export function nodeSummary(n: Obj): Obj {
  const meta = isObj(n.metadata) ? n.metadata : {};
  const spec = isObj(n.spec) ? n.spec : {};
  const status = isObj(n.status) ? n.status : {};
  const info = isObj(status.nodeInfo) ? status.nodeInfo : {};
  const labels = isObj(meta.labels) ? meta.labels : {};
  const pick = (o: Obj, keys: string[]) =>
    Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
  return {
    name: meta.name,
    labels: pick(labels, [
      'kubernetes.io/os',
      'kubernetes.io/arch',
      'node.kubernetes.io/instance-type',
      'topology.kubernetes.io/zone',
      'node-role.kubernetes.io/control-plane',
    ]),
    unschedulable: spec.unschedulable === true,
    taints: spec.taints ?? [],
    capacity: status.capacity ?? {},
    allocatable: status.allocatable ?? {},
    conditions: (Array.isArray(status.conditions) ? status.conditions : [])
      .filter(isObj)
      .map((c) => pick(c, ['type', 'status', 'reason', 'message', 'lastTransitionTime'])),
    nodeInfo: pick(info, [
      'kernelVersion',
      'kubeletVersion',
      'containerRuntimeVersion',
      'osImage',
      'operatingSystem',
      'architecture',
    ]),
  };
}

export interface EventRow {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  firstTimestamp?: string | Date | null;
  lastTimestamp?: string | Date | null;
  eventTime?: string | Date | null;
  metadata?: { name?: string; creationTimestamp?: string | Date };
}

const when = (e: EventRow): string => {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? new Date(t).toISOString() : '';
};

/** The events of the given pods plus every Warning of the namespace, oldest first, each once. */
export function selectEvents(events: EventRow[], podNames: ReadonlySet<string>): EventRow[] {
  return events
    .filter(
      (e) =>
        e.type === 'Warning' ||
        (e.involvedObject?.kind === 'Pod' && podNames.has(e.involvedObject.name ?? '')),
    )
    .sort((a, b) => when(a).localeCompare(when(b)));
}

const oneLine = (t: string): string =>
  t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');

/** One line per event: time, type, object, reason, message (kubectl get events-like). */
export function eventsText(events: EventRow[]): string {
  if (events.length === 0) return '(no events)\n';
  return (
    events
      .map((e) => {
        const obj = `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}${e.involvedObject?.fieldPath ? ` ${e.involvedObject.fieldPath}` : ''}`;
        return `${when(e)}  ${e.type ?? ''}  ${obj}  ${e.reason ?? ''}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}: ${oneLine(e.message ?? '')}`;
      })
      .join('\n') + '\n'
  );
}

/** The pods as kubectl prints them, then why each is not ready (reason, message, fix). */
export function podsText(pods: PodSummary[]): string {
  if (pods.length === 0) return '(no pods)\n';
  const rows = [
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE'],
    ...pods.map((p) => [p.name, p.ready, p.status, String(p.restarts), p.node || '<none>']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('   '))
    .join('\n');
  const why = pods
    .filter((p) => p.diagnosis)
    .map((p) => {
      const d = p.diagnosis!;
      return [
        `${p.name}: ${d.reason}${d.container ? ` (container ${d.container}${d.image ? `, image ${d.image}` : ''})` : ''}`,
        `  ${d.message}`,
        `  fix: ${d.fix}`,
      ].join('\n');
    });
  return `${table}\n${why.length ? `\nWhy not ready:\n${why.join('\n')}\n` : '\nEvery pod is ready or reports no problem.\n'}`;
}

/** preflight.txt: one line per check, as the CLI prints them. */
export function preflightText(results: CheckResult[], line: (r: CheckResult) => string): string {
  return results.length
    ? `${results.map(line).join('\n')}\n`
    : '(no check finished within the time budget)\n';
}

export interface BundleReport {
  target: BundleTarget;
  startedAt: Date;
  finishedAt: Date;
  budgetMs: number;
  /** What was collected (file → what), in order. */
  collected: PlannedFile[];
  /** What could not be collected, one line each (denied, unreachable, out of time). */
  failures: string[];
  /** Things to know that are not failures (no job, logs the cluster does not give, …). */
  notes: string[];
  redaction: {
    fromAnswers: number;
    fromSecrets: number;
    secretNames: string[];
    /** file → number of values replaced */
    perFile: Array<[string, number]>;
    manifestSecrets: string[];
  };
  wizardVersion: string;
}

const wrap = (text: string, indent = '  '): string =>
  text
    .split('\n')
    .map((l) => `${indent}${l}`)
    .join('\n');

/** README.txt: what, when, from where, what was redacted, what failed. */
export function readmeText(r: BundleReport): string {
  const secs = ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1);
  const red = r.redaction;
  const lines = [
    'Lightrun Server support bundle',
    '==============================',
    '',
    `Taken:      ${r.startedAt.toISOString()} (${secs} s, time budget ${Math.round(r.budgetMs / 1000)} s)`,
    `Context:    ${r.target.contextName}${r.target.context === null ? ' (kubeconfig current-context)' : ''}`,
    `API server: ${r.target.server}`,
    `Namespace:  ${r.target.namespace}`,
    `Release:    ${r.target.release}`,
    `By:         lightrun-install-wizard ${r.wizardVersion}`,
    '',
    'Collected',
    '---------',
    ...r.collected.map((f) => `  ${f.file.padEnd(34)} ${f.what}`),
    '',
    'Not collected',
    '-------------',
    ...(r.failures.length
      ? r.failures.map((f) => wrap(`- ${f}`))
      : ['  Nothing: every request answered.']),
    '',
    ...(r.notes.length ? ['Notes', '-----', ...r.notes.map((n) => wrap(`- ${n}`)), ''] : []),
    'Redacted',
    '--------',
    '  Secrets are removed by value, not by key name alone: every file above was searched for each',
    '  secret value (as is, JSON-escaped, base64-encoded at any alignment, each line of a PEM key)',
    '  and each occurrence replaced by [redacted].',
    `  Secret values searched for: ${red.fromAnswers} from the answers' secret fields (license, passwords,`,
    `  keys, AES key, pull secret) and ${red.fromSecrets} from the Secret objects of the namespace${red.secretNames.length ? ` (${red.secretNames.join(', ')})` : ''}.`,
    ...(red.perFile.length
      ? ['  Replacements per file:', ...red.perFile.map(([f, n]) => `    ${f}: ${n}`)]
      : ['  No file contained a secret value.']),
    ...(red.manifestSecrets.length
      ? [
          `  helm/manifest.yaml: data/stringData removed from the Secrets ${red.manifestSecrets.join(', ')}.`,
        ]
      : []),
    '  Also removed: managedFields and last-applied annotations of every object, the values and the',
    '  manifests from helm status, and Secret objects themselves (never collected).',
    '',
  ];
  return lines.join('\n');
}
