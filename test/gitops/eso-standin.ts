// A stand-in for External Secrets Operator (docs/gitops.md): ESO itself is NOT run here. From an
// exported `ExternalSecret` and a local map standing for the store, it computes the Secret ESO
// would write: named `spec.target.name`, each `spec.data[].secretKey` read from the store at its
// `remoteRef.key` (a key the store lacks throws, as ESO fails the sync). With
// `spec.target.template.data` (engine v2) each template value is rendered; only the two forms the
// export writes are understood — fixed text and `{{ index . "KEY" | toJson }}` — and any other
// template action throws, so an export that wrote something else fails the test instead of being
// rendered wrongly. mergePolicy `Merge` keeps the fetched keys beside the templated ones; the
// default (`Replace`) keeps only the templated ones, as ESO does.
import type { Obj } from './flux-release';

type DataRef = { secretKey: string; remoteRef: { key: string } };
type Target = {
  name: string;
  template?: { engineVersion?: string; mergePolicy?: string; data?: Record<string, string> };
};

const ACTION = /\{\{\s*index\s+\.\s+("(?:[^"\\]|\\.)*")\s*\|\s*toJson\s*\}\}/g;

function render(template: string, fetched: Record<string, string>): string {
  const out = template.replace(ACTION, (_m, key: string) => {
    const k = JSON.parse(key) as string;
    if (!(k in fetched)) throw new Error(`template reads ${k}, which spec.data does not fetch`);
    return JSON.stringify(fetched[k]);
  });
  if (out.includes('{{')) throw new Error(`a template action the stand-in does not know: ${out}`);
  return out;
}

/** The Secret (name, key -> text) ESO would write for `es`, reading `store`. */
export function esoSecret(
  es: Obj,
  store: Record<string, string>,
): { name: string; data: Record<string, string> } {
  if (es.kind !== 'ExternalSecret') throw new Error(`not an ExternalSecret: ${es.kind}`);
  const target = es.spec.target as Target;
  const fetched: Record<string, string> = {};
  for (const d of (es.spec.data as DataRef[] | undefined) ?? []) {
    const v = store[d.remoteRef.key];
    if (v === undefined) throw new Error(`the store has no key ${d.remoteRef.key}`);
    fetched[d.secretKey] = v;
  }
  const tpl = target.template;
  if (!tpl?.data) return { name: target.name, data: fetched };
  if (tpl.engineVersion !== 'v2') throw new Error(`template engine ${tpl.engineVersion}`);
  const rendered = Object.fromEntries(
    Object.entries(tpl.data).map(([k, t]) => [k, render(t, fetched)]),
  );
  const data = tpl.mergePolicy === 'Merge' ? { ...fetched, ...rendered } : rendered;
  return { name: target.name, data };
}
