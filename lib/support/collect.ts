import 'server-only';
/**
 * Takes a support bundle (the IO of plan.ts): the API objects, helm's record of the release, the
 * container logs, the preflight checks and the install job's log, within one time budget and with
 * a deadline on every request. Nothing here fails the bundle: a denied resource, an unreachable
 * API server or helm missing becomes a line of README.txt, and what was gathered is kept. Every
 * file is redacted of every secret value before it is packed.
 *
 * One gatherer per kind of evidence (gathering.ts is what they share):
 *   gather-wizard.ts    the answers and the install job's log (no cluster needed)
 *   gather-cluster.ts   the connection, then one read per kind of API object
 *   gather-helm.ts      helm's record of the release
 *   gather-preflight.ts the preflight checks
 *   gather-pods.ts      the release's pods, their events and their containers' logs
 */
import type { Answers } from '../answers';
import type { JobLog } from '../install/job-log';
import { pool } from '../pool';
import { readmeText, type BundleLimits, type PlannedFile } from './plan';
import { bundleRedactor, publicNamesOf, redactionCount } from './secrets';
import { tarGz, type TarEntry } from './tar';
import { startGathering, type Gathering } from './gathering';
import { putAnswers, putJobLog } from './gather-wizard';
import {
  clusterTasks,
  connectCluster,
  type ClusterFindings,
  type Connection,
} from './gather-cluster';
import { gatherHelm, helmForBundle } from './gather-helm';
import { gatherPreflight } from './gather-preflight';
import { gatherLogs, putEvents, putPods } from './gather-pods';
import pkg from '../../package.json';

export interface BundleInput {
  target: { context: string | null; namespace: string; release: string };
  /** The answers of the install (validated): secret values to redact, answers.json, values.yaml, preflight. */
  answers?: Answers;
  /** The install job, when the wizard's server ran one for this release. */
  job?: { id: string; log: JobLog };
  limits?: Partial<BundleLimits>;
  /** Run the preflight checks (without the dry run) when answers are given; default true. */
  preflight?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface Bundle {
  /** Base name (also the top directory inside the archive). */
  name: string;
  bytes: Buffer;
  readme: string;
  files: string[];
  failures: string[];
}

/** 2026-12-01T23:15:00.123Z → 20261201T231500Z (file-name safe). */
const stamp = (d: Date) => {
  const i = d.toISOString();
  return `${i.slice(0, 4)}${i.slice(5, 7)}${i.slice(8, 10)}T${i.slice(11, 13)}${i.slice(14, 16)}${i.slice(17, 19)}Z`;
};

/** Collects, redacts and packs a support bundle. Never throws for the cluster's sake: see README.txt in it. */
export async function supportBundle(input: BundleInput): Promise<Bundle> {
  const g = startGathering({
    now: input.now,
    limits: input.limits,
    hasAnswers: !!input.answers,
    hasJob: !!input.job,
    runPreflight: !!input.answers && input.preflight !== false,
  });
  try {
    const env = input.env ?? process.env;
    const conn = await connectCluster(g, input.target, env);
    putAnswers(g, input.answers);
    const found = await gatherRemote(g, input, conn, env);
    putJobLog(g, input.job);
    return pack(g, input, conn, found);
  } finally {
    g.end();
  }
}

/**
 * Everything asked of the cluster and of helm, and the preflight: the reads of the API objects,
 * helm's record and the preflight at once, then the pods (their events and logs) once the reads
 * are in.
 */
async function gatherRemote(
  g: Gathering,
  input: BundleInput,
  conn: Connection,
  env: NodeJS.ProcessEnv,
): Promise<ClusterFindings & { manifestSecrets: string[] }> {
  const { namespace, release } = input.target;
  const found: ClusterFindings = { pods: null, events: null, pvcs: [], secrets: null };
  const kc = conn.reachable ? conn.kc : null;
  const reads = kc ? clusterTasks(g, kc, { namespace, release }, found) : [];
  const helm = kc ? await helmForBundle(g, env) : null;
  const helmDone = helm ? gatherHelm(g, helm, input.target, env) : Promise.resolve([]);
  const preflightDone =
    input.answers && input.preflight !== false
      ? gatherPreflight(
          g,
          { answers: input.answers, ...input.target },
          conn.kc ? { kc: conn.kc } : { error: conn.kubeconfigError ?? 'no cluster connection' },
        )
      : Promise.resolve();
  const [, manifestSecrets] = await Promise.all([
    pool(reads, g.limits.concurrency),
    helmDone,
    preflightDone,
  ]);
  if (kc) {
    putPods(g, found, { namespace, release });
    putEvents(g, found);
    await gatherLogs(g, kc, namespace, found.pods ?? []);
  }
  return { ...found, manifestSecrets };
}

/** Redacts every file by value, writes README.txt (what was searched for and where it was found) and packs the archive. */
function pack(
  g: Gathering,
  input: BundleInput,
  conn: Connection,
  found: ClusterFindings & { manifestSecrets: string[] },
): Bundle {
  const { namespace, release } = input.target;
  const endpoint = input.answers
    ? (input.answers.general as { endpoint: string }).endpoint
    : undefined;
  const { redact, sources } = bundleRedactor({
    answers: input.answers,
    secrets: found.secrets ?? [],
    publicNames: publicNamesOf({ namespace, release }, endpoint),
  });
  const perFile: Array<[string, number]> = [];
  for (const [file, content] of g.files) {
    const out = redact(content);
    const n = redactionCount(content, out);
    if (n) perFile.push([file, n]);
    g.files.set(file, out);
  }
  if (conn.reachable && !found.secrets)
    g.notes.push(
      'The Secret objects could not be read: values were redacted from the answers only.',
    );
  const finishedAt = new Date(g.now());
  const readme = redact(
    readmeText({
      target: conn.target,
      startedAt: g.startedAt,
      finishedAt,
      budgetMs: g.limits.budgetMs,
      collected: orderLike(g.collected, g.planned),
      failures: g.failures,
      notes: g.notes,
      redaction: { ...sources, perFile, manifestSecrets: found.manifestSecrets },
      wizardVersion: pkg.version,
    }),
  );
  const name = `support-bundle-${release}-${stamp(g.startedAt)}`;
  const files = [...g.files.keys()].sort();
  const entries: TarEntry[] = [
    { name, dir: true },
    { name: `${name}/README.txt`, content: readme },
    ...files.map((f) => ({ name: `${name}/${f}`, content: g.files.get(f)! })),
  ];
  return {
    name,
    bytes: tarGz(entries, finishedAt),
    readme,
    files: ['README.txt', ...files],
    failures: g.failures,
  };
}

/** The collected files in plan order (logs last, in the order fetched). */
function orderLike(collected: PlannedFile[], planned: PlannedFile[]): PlannedFile[] {
  const rank = new Map(planned.map((p, i) => [p.file, i]));
  return [...collected].sort(
    (a, b) => (rank.get(a.file) ?? planned.length) - (rank.get(b.file) ?? planned.length),
  );
}
