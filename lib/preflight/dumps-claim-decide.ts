/**
 * Chart 3.50's heap-dump claim (docs/chart-3.50.md §4, T5): the PersistentVolumeClaim named in
 * deployments.{backend,crons}.dumpsPersistence must exist in the release namespace, and be
 * ReadWriteMany when more than one pod mounts it (the backend's replicas, crons). PURE.
 */
import { fail, listing, pass, warn, worst, type Verdict } from './result';

type Tree = Record<string, unknown>;
/** One claim the release will mount for /dumps, and the pods that mount it. */
export type WantedClaim = { name: string; pods: string[] };
/** What the namespace holds under that name (`found: 'unknown'` when it could not be read). */
export type ClaimFacts =
  | { name: string; found: true; accessModes: string[]; phase: string }
  | { name: string; found: false }
  | { name: string; found: 'unknown'; error: string };

const at = (t: unknown, ...p: string[]): unknown =>
  p.reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as Tree)[k] : undefined), t);

/**
 * The claims of a complete chart 3.50 values tree: crons counts only while it runs, the backend
 * with its most replicas (its autoscaler's maximum when that is on).
 */
export function wantedDumpsClaims(values: Tree): WantedClaim[] {
  const byName = new Map<string, string[]>();
  const backend = at(values, 'deployments', 'backend') as Tree | undefined;
  const hpa = at(backend, 'hpa') as Tree | undefined;
  const replicas = Math.max(
    Number(at(backend, 'replicas') ?? 1) || 1,
    hpa?.enabled === true ? Number(hpa.maxReplicas) || 1 : 1,
  );
  const mounters: [string, string[]][] = [
    ['backend', [replicas > 1 ? `up to ${replicas} backend pods` : 'the backend pod']],
  ];
  if (at(values, 'general', 'crons', 'enabled') !== false) mounters.push(['crons', ['crons']]);
  for (const [c, pods] of mounters) {
    const d = at(values, 'deployments', c, 'dumpsPersistence') as Tree | undefined;
    const claim = d?.existingClaim;
    if (d?.enabled !== true || typeof claim !== 'string' || !claim) continue;
    byName.set(claim, [...(byName.get(claim) ?? []), ...pods]);
  }
  return [...byName].map(([name, pods]) => ({ name, pods }));
}

const shared = (w: WantedClaim) => w.pods.length > 1 || /^up to/.test(w.pods[0] ?? '');

function decideOne(w: WantedClaim, f: ClaimFacts, ns: string): Verdict {
  const create = `Create PersistentVolumeClaim ${w.name} in namespace ${ns} (ReadWriteMany${shared(w) ? '' : ' if the backend may scale'}) before installing, or choose "off" for heap dumps (Sizing).`;
  if (f.found === 'unknown')
    return warn(`Could not read PersistentVolumeClaim ${w.name}: ${f.error}.`, create);
  if (!f.found)
    return fail(
      `PersistentVolumeClaim ${w.name} (heap dumps) does not exist in namespace ${ns}: the backend would never start.`,
      create,
    );
  const modes = f.accessModes;
  const said = `PersistentVolumeClaim ${w.name} is ${listing(modes) || 'without access modes'}`;
  if (f.phase === 'Lost')
    return fail(`${said} and Lost: its volume is gone.`, 'Recreate the claim, or choose "off".');
  if (modes.includes('ReadWriteMany')) return pass(`${said}, mounted by ${listing(w.pods)}.`);
  if (!modes.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod'))
    return fail(`${said}: heap dumps cannot be written to it.`, create);
  if (!shared(w)) return pass(`${said}, mounted by ${listing(w.pods)} only.`);
  if (modes.includes('ReadWriteOncePod'))
    return fail(
      `${said}, but ${listing(w.pods)} mount it: only the first pod can.`,
      `Use a ReadWriteMany claim for heap dumps (docs/chart-3.50.md §4), or choose "off".`,
    );
  return warn(
    `${said}, but ${listing(w.pods)} mount it: pods on another node than the first cannot attach it.`,
    'Use a ReadWriteMany claim, as the vendor requires for a shared dump claim (docs/chart-3.50.md §4).',
  );
}

/** The verdict over every wanted claim: the worst one, each claim named. */
export function decideDumpsClaims(wanted: WantedClaim[], facts: ClaimFacts[], ns: string): Verdict {
  const vs = wanted.map((w, i) => decideOne(w, facts[i]!, ns));
  const bad = worst(vs);
  if (bad.status !== 'pass') return bad;
  return pass(vs.map((v) => v.message).join(' '));
}
