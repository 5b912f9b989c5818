/**
 * The objects of a rendered manifest (`helm get manifest`, `helm template`) as the upgrade plan
 * compares them (docs/upgrade.md). An object is its API group, kind and name, as helm tells
 * objects apart: a Deployment and a StatefulSet of one name are two objects. Hooks
 * (`helm.sh/hook`) are left out: helm keeps them out of the release and an upgrade neither
 * updates nor deletes them. PURE.
 */
import { parseAllDocuments } from 'yaml';
import { deepEqual, isMap, type Tree } from '../values/tree';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
}

/** A parsed object: its reference, its identity key and its body. */
export interface Obj extends ObjectRef {
  key: string;
  body: Tree;
}

/** The objects of a multi-document manifest, hooks left out; throws on text that is not YAML. */
export function parseObjects(manifest: string): Obj[] {
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length) throw new Error(`the manifest is not YAML: ${doc.errors[0]?.message}`);
    const o: unknown = doc.toJS();
    if (!isMap(o) || typeof o.kind !== 'string' || !isMap(o.metadata)) continue;
    const { name, annotations } = o.metadata;
    if (typeof name !== 'string') continue;
    if (isMap(annotations) && annotations['helm.sh/hook'] !== undefined) continue;
    const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    out.push({ apiVersion, kind: o.kind, name, key: `${group}/${o.kind}/${name}`, body: o });
  }
  return out;
}

export const refOf = (o: ObjectRef): ObjectRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.name,
});

/** A field as a map ({} when absent or not a map). */
export const mapAt = (v: unknown): Tree => (isMap(v) ? v : {});

/** The keys of two maps whose values differ, each as `prefix.key`, sorted. */
export function differing(prefix: string, a: unknown, b: unknown): string[] {
  const [ma, mb] = [mapAt(a), mapAt(b)];
  return [...new Set([...Object.keys(ma), ...Object.keys(mb)])]
    .filter((k) => !deepEqual(ma[k], mb[k]))
    .sort()
    .map((k) => `${prefix}.${k}`);
}
