/**
 * What `helm upgrade` will do to the objects of a release (docs/upgrade.md, docs/chart-3.50.md
 * §13.1), from the manifest of the release as it runs (`helm get manifest`), the render of the
 * target chart with the translated values (`helm template`) and the live claims of the namespace:
 * the objects deleted, created, changed (which fields, never a value) and those helm cannot update
 * in place; the claims kept (by name and UID) and at risk; what the server's users notice. PURE.
 */
import { deepEqual, type Tree } from '../values/tree';
import { claimFates, type ClaimFate, type LiveClaim } from './claims';
import { differing, mapAt, parseObjects, refOf, type Obj, type ObjectRef } from './manifest';

export type { ClaimFate, LiveClaim, ObjectRef };

export interface ChangedObject extends ObjectRef {
  /** the fields that differ: `spec.<field>`, `data.<key>`, `metadata.labels`, … (never a value) */
  fields: string[];
}

/** An object helm cannot update in place. */
export interface ReplacedObject extends ObjectRef {
  /** the kind it becomes under the same name, when the kind changes */
  toKind?: string;
  /** the API server refuses helm's update: the upgrade fails unless the object is deleted first */
  helmFails: boolean;
  why: string;
}

export interface ObjectsPlan {
  deleted: ObjectRef[];
  created: ObjectRef[];
  changed: ChangedObject[];
  replaced: ReplacedObject[];
  /** how many objects are in both, identical */
  unchanged: number;
  claimsKept: ClaimFate[];
  claimsAtRisk: ClaimFate[];
  /** what the users of the server notice (a new address, …) */
  userVisible: string[];
}

/** The fields of an object that differ: spec and data one level down, the rest by name. */
export function changedFields(a: Tree, b: Tree): string[] {
  const fields: string[] = [];
  for (const m of ['labels', 'annotations'])
    if (!deepEqual(mapAt(a.metadata)[m], mapAt(b.metadata)[m])) fields.push(`metadata.${m}`);
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (['apiVersion', 'kind', 'metadata'].includes(k) || deepEqual(a[k], b[k])) continue;
    if (['spec', 'data', 'stringData'].includes(k)) fields.push(...differing(k, a[k], b[k]));
    else fields.push(k);
  }
  return fields;
}

/**
 * The StatefulSet spec fields Kubernetes lets an update change; a change of any other is refused
 * with "Forbidden: updates to statefulset spec…" (docs/chart-3.50.md §13.1 U4).
 */
const STATEFULSET_MUTABLE = new Set([
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
]);

/** Why the API server refuses helm's update of an object in both renders, or null. */
export function refusedUpdate(a: Tree, b: Tree): string | null {
  const [sa, sb] = [mapAt(a.spec), mapAt(b.spec)];
  if (a.kind === 'StatefulSet') {
    const fixed = differing('spec', sa, sb).filter((f) => !STATEFULSET_MUTABLE.has(f.slice(5)));
    if (fixed.length)
      return `Kubernetes refuses to change ${fixed.join(', ')} of a StatefulSet ("Forbidden: updates to statefulset spec"): the upgrade fails unless it is deleted first.`;
  }
  if (a.kind === 'Deployment' && !deepEqual(sa.selector, sb.selector))
    return 'The selector of a Deployment cannot change: the upgrade fails unless it is deleted first.';
  if (a.kind === 'Service') {
    const [ia, ib] = [sa.clusterIP, sb.clusterIP];
    if ((ia === 'None') !== (ib === 'None') || (ia && ib && ia !== ib))
      return 'The clusterIP of a Service cannot change (headless or not): the upgrade fails unless it is deleted first.';
  }
  return null;
}

/** The kind changes under one name: helm creates the new object, then deletes the old one. */
function kindChanges(deleted: Obj[], created: Obj[]): ReplacedObject[] {
  return deleted.flatMap((d) => {
    const c = created.find((x) => x.name === d.name && x.kind !== d.kind);
    if (!c) return [];
    const why = `${d.kind} ${d.name} becomes a ${c.kind} of the same name: helm creates the ${c.kind}, then deletes the ${d.kind}; for a moment both run.`;
    return [{ ...refOf(d), toKind: c.kind, helmFails: false, why }];
  });
}

const isLb = (o: Obj) => o.kind === 'Service' && mapAt(o.body.spec).type === 'LoadBalancer';

/** A load balancer that goes or comes: a new address, DNS must follow (§13.1 U2). */
function userVisible(deleted: Obj[], created: Obj[], both: Array<[Obj, Obj]>): string[] {
  const out: string[] = [];
  for (const d of deleted.filter(isLb))
    out.push(`Service ${d.name} (LoadBalancer) is deleted: its address goes with it.`);
  for (const c of created.filter(isLb))
    out.push(`Service ${c.name} (LoadBalancer) is new: new address: DNS must change.`);
  for (const [a, b] of both.filter(([x, y]) => isLb(x) !== isLb(y)))
    out.push(
      isLb(b)
        ? `Service ${b.name} becomes a LoadBalancer: new address: DNS must change.`
        : `Service ${a.name} is no LoadBalancer any more: its address goes.`,
    );
  return out;
}

/** The objects part of the upgrade plan; throws when a manifest is not YAML. */
export function objectsPlan(
  current: string,
  target: string,
  claims: readonly LiveClaim[],
): ObjectsPlan {
  const before = parseObjects(current);
  const after = parseObjects(target);
  const next = new Map(after.map((o) => [o.key, o]));
  const had = new Set(before.map((o) => o.key));
  const deleted = before.filter((o) => !next.has(o.key));
  const created = after.filter((o) => !had.has(o.key));
  const both = before.flatMap((o): Array<[Obj, Obj]> =>
    next.has(o.key) ? [[o, next.get(o.key)!]] : [],
  );
  const changed: ChangedObject[] = [];
  const replaced = kindChanges(deleted, created);
  for (const [a, b] of both) {
    const fields = changedFields(a.body, b.body);
    if (fields.length) changed.push({ ...refOf(a), fields });
    const why = refusedUpdate(a.body, b.body);
    if (why) replaced.push({ ...refOf(a), helmFails: true, why });
  }
  const claimed = claimFates(before, after, claims);
  return {
    deleted: deleted.map(refOf),
    created: created.map(refOf),
    changed,
    replaced,
    unchanged: both.length - changed.length,
    claimsKept: claimed.kept,
    claimsAtRisk: claimed.atRisk,
    userVisible: userVisible(deleted, created, both),
  };
}
