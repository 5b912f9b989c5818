/**
 * The images a rendered release pulls, read from its manifests (PURE): `helm template` output or
 * `helm get manifest`, multi-document YAML, hooks included.
 */
import { parseAllDocuments } from 'yaml';
import { yamlErrorWhere } from '../values/yaml-error';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pod spec of a workload object, whatever its kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, …). */
export function podSpecOf(o: Obj): Obj | null {
  const spec = o.spec;
  if (!isObj(spec)) return null;
  if (o.kind === 'Pod') return spec;
  if (o.kind === 'CronJob') {
    const jt = spec.jobTemplate;
    const tpl = isObj(jt) && isObj(jt.spec) ? jt.spec.template : undefined;
    return isObj(tpl) && isObj(tpl.spec) ? tpl.spec : null;
  }
  const tpl = spec.template;
  return isObj(tpl) && isObj(tpl.spec) ? tpl.spec : null;
}

export type ImageUse = {
  kind: string;
  name: string;
  container: string;
  init: boolean;
  image: string;
};

/** Every container (init, main and ephemeral) of every workload object with its image. */
export function imageUsesOf(objects: unknown[]): ImageUse[] {
  const out: ImageUse[] = [];
  for (const o of objects) {
    if (!isObj(o)) continue;
    if (o.kind === 'List' && Array.isArray(o.items)) {
      out.push(...imageUsesOf(o.items));
      continue;
    }
    const spec = podSpecOf(o);
    if (!spec) continue;
    const name = isObj(o.metadata) ? String(o.metadata.name ?? '') : '';
    for (const [field, init] of [
      ['initContainers', true],
      ['containers', false],
      ['ephemeralContainers', false],
    ] as const) {
      const list = spec[field];
      if (!Array.isArray(list)) continue;
      for (const c of list) {
        if (isObj(c) && typeof c.image === 'string')
          out.push({
            kind: String(o.kind),
            name,
            container: String(c.name ?? ''),
            init,
            image: c.image,
          });
      }
    }
  }
  return out;
}

/** Parses multi-document YAML; a document that does not parse throws, naming where (never what). */
export function parseManifests(text: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length)
      // named by line, never quoted: rendered manifests hold the Secrets
      throw new Error(`The manifests are not valid YAML${yamlErrorWhere(doc.errors[0])}.`);
    let v: unknown;
    try {
      v = doc.toJS({ maxAliasCount: 100 });
    } catch {
      // yaml's own message here names the alias
      throw new Error(
        'The manifests are not valid YAML: an alias (*name) has no anchor before it, or there are more than 100 aliases.',
      );
    }
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

/** The distinct images of rendered manifests, sorted. */
export function imagesFromManifests(text: string): string[] {
  return [...new Set(imageUsesOf(parseManifests(text)).map((u) => u.image))].sort();
}
