/**
 * Which live claims of the namespace an upgrade keeps and which it puts at risk
 * (docs/upgrade.md, docs/chart-3.50.md §13.1): a claim of a StatefulSet's claim template is kept
 * when the StatefulSet and the template stay (MySQL: same claim, same UID); it is at risk when the
 * StatefulSet goes, changes kind or loses the template (RabbitMQ, U4). A claim the chart itself
 * rendered is kept while the new render still has it; helm deletes it otherwise. PURE.
 */
import { mapAt, type Obj } from './manifest';

/** A live PersistentVolumeClaim of the namespace, as the plan needs it. */
export interface LiveClaim {
  name: string;
  uid: string;
  storageClassName?: string;
  size?: string;
  /** its owners: a StatefulSet whose retention policy deletes its claims owns them */
  owners?: Array<{ kind: string; name: string }>;
}

export interface ClaimFate {
  name: string;
  uid: string;
  /** what it belongs to: `StatefulSet <name>` or `the chart` */
  of: string;
  why: string;
}

const templates = (o: Obj): string[] =>
  (Array.isArray(mapAt(o.body.spec).volumeClaimTemplates)
    ? (mapAt(o.body.spec).volumeClaimTemplates as unknown[])
    : []
  ).flatMap((t) => {
    const n = mapAt(mapAt(t).metadata).name;
    return typeof n === 'string' ? [n] : [];
  });

/** Whether a claim is `<template>-<set>-<ordinal>` (no pattern built at run time: test/security). */
const ofTemplate = (claim: string, template: string, set: string) => {
  const prefix = `${template}-${set}-`;
  return claim.startsWith(prefix) && /^\d{1,9}$/.test(claim.slice(prefix.length));
};

/** The StatefulSet and template a claim was made from (`<template>-<set>-<ordinal>`), if any. */
function madeBy(claim: string, sets: Obj[]): { set: Obj; template: string } | undefined {
  for (const set of sets)
    for (const template of templates(set))
      if (ofTemplate(claim, template, set.name)) return { set, template };
  return undefined;
}

type Verdict = { kept: boolean; of: string; why: string };

function ofStatefulSet(c: LiveClaim, set: Obj, template: string, after: Obj[]): Verdict {
  const of = `StatefulSet ${set.name}`;
  const next = after.find((o) => o.key === set.key);
  const owned = (c.owners ?? []).some((o) => o.kind === 'StatefulSet' && o.name === set.name);
  if (!next)
    return {
      kept: false,
      of,
      why: owned
        ? `StatefulSet ${set.name} leaves the release and owns the claim: Kubernetes deletes it, and its data, with the StatefulSet.`
        : `StatefulSet ${set.name} leaves the release: the claim stays but nothing uses it any more.`,
    };
  if (!templates(next).includes(template))
    return {
      kept: false,
      of,
      why: `The new StatefulSet ${set.name} has no claim template ${template}: helm cannot update it, so it and this claim are deleted before the upgrade, and the data on it is lost.`,
    };
  return {
    kept: true,
    of,
    why: `StatefulSet ${set.name} keeps its claim template ${template}: its pod comes back on this claim.`,
  };
}

function ofChart(c: LiveClaim, after: Obj[]): Verdict {
  const stays = after.some((o) => o.kind === 'PersistentVolumeClaim' && o.name === c.name);
  return stays
    ? { kept: true, of: 'the chart', why: 'The chart renders this claim again.' }
    : {
        kept: false,
        of: 'the chart',
        why: 'The new render has no such claim: helm deletes it, and its data, unless it carries helm.sh/resource-policy: keep.',
      };
}

/** The live claims the release made, kept or at risk; claims that are not the release's are left out. */
export function claimFates(
  before: Obj[],
  after: Obj[],
  claims: readonly LiveClaim[],
): { kept: ClaimFate[]; atRisk: ClaimFate[] } {
  const sets = before.filter((o) => o.kind === 'StatefulSet');
  const kept: ClaimFate[] = [];
  const atRisk: ClaimFate[] = [];
  for (const c of [...claims].sort((a, b) => a.name.localeCompare(b.name))) {
    const chartMade = before.some((o) => o.kind === 'PersistentVolumeClaim' && o.name === c.name);
    const from = chartMade ? undefined : madeBy(c.name, sets);
    if (!chartMade && !from) continue;
    const v = from ? ofStatefulSet(c, from.set, from.template, after) : ofChart(c, after);
    (v.kept ? kept : atRisk).push({ name: c.name, uid: c.uid, of: v.of, why: v.why });
  }
  return { kept, atRisk };
}
