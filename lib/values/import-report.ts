import { isMap as isYamlMap, isScalar, isSeq, parse, type Document, type Node } from 'yaml';
import type { ImportNote } from './mapping';
import { deepEqual, deepMerge, diffTree, getPath, isMap, leafPaths, type Tree } from './tree';
import { isSecretPath, scalarForm } from './secret-paths';

/**
 * What an import tells the admin about the keys it did not model: only what differs from the
 * chart defaults ("kept as is"), apart from keys chart 3.9.4 does not have at all (probable
 * typos: Helm ignores them silently), each with the closest real key when one is near.
 */
export type UnknownKey = { path: string[]; suggestion?: string };

/** Maps the chart leaves open (annotations, labels, selectors …): any key below them is real. */
const OPEN = /^(annotations|labels|podLabels|podAnnotations|nodeSelector|matchLabels)$/;

/** The kept keys that differ from the chart defaults, and those the chart does not know. */
export function classifyKept(
  passthrough: Tree,
  defaults: Tree,
): { kept: string[][]; unknown: UnknownKey[] } {
  const differing = diffTree(passthrough, defaults);
  const kept: string[][] = [];
  const unknown: UnknownKey[] = [];
  const walk = (t: Tree, d: unknown, prefix: string[]) => {
    for (const [k, v] of Object.entries(t)) {
      const here = [...prefix, k];
      const dm = isMap(d) ? d : undefined;
      const openParent = prefix.length > 0 && OPEN.test(prefix.at(-1)!);
      if (dm && !Object.hasOwn(dm, k) && !openParent && Object.keys(dm).length > 0) {
        unknown.push({ path: here, ...suggest(k, Object.keys(dm)) });
        continue;
      }
      const sub = dm?.[k];
      if (isMap(v) && Object.keys(v).length > 0 && (isMap(sub) || sub === undefined) && !openParent)
        walk(v, sub, here);
      else kept.push(here);
    }
  };
  walk(differing, defaults, []);
  return { kept, unknown };
}

function suggest(key: string, candidates: string[]): { suggestion?: string } {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(key.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best ? { suggestion: best } : {};
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length]!;
}

/** How every note of `yaml11Conversions` starts (the import dialog picks them out by it). */
export const HELM_READS = 'Helm reads ';

/**
 * A note for every plain scalar Helm reads differently from what it seems to say (what a YAML 1.2
 * reader makes of it): `yes` is true, `0123` is 83, `1__0` is 10. The values in `doc` are Helm's
 * (parseValuesDocument); the wizard reads the file as Helm does, and says so.
 */
export function yaml11Conversions(doc: Document): ImportNote[] {
  const notes: ImportNote[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isYamlMap(node))
      for (const p of node.items)
        walk(p.value, [...path, String(isScalar(p.key) ? p.key.value : p.key)]);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, String(i)]));
    else if (isScalar(node) && node.type === 'PLAIN') {
      const v = node.value;
      const src = node.source as string; // a parsed plain scalar always has its source text
      // Text is text to both (and Helm reads no plain text as null that YAML 1.2 does not: both
      // have ~, null, Null, NULL and nothing); only the few numbers and words are parsed again.
      const seems = typeof v === 'string' ? v : parse(src, { version: '1.2' });
      if (!deepEqual(v, seems) && isSecretPath(path)) {
        // a secret: its form is named, never its digits (the note reaches stderr and the page)
        notes.push({
          path: path.join('.'),
          message: `${HELM_READS}this secret as ${scalarForm(src, v)}, not as the text it seems to be; the wizard reads it as Helm does, so the chart gets a different value. Quote it in the file if you meant the text.`,
        });
      } else if (!deepEqual(v, seems)) {
        const read = typeof v === 'boolean' ? `the boolean ${v}` : `the number ${v}`;
        notes.push({
          path: path.join('.'),
          message: `${HELM_READS}${src} as ${read}, not ${typeof seems === 'string' ? `the text "${src}"` : String(seems)}; the wizard reads it as Helm does. Quote it ("${src}") if you meant the text.`,
        });
      }
    }
  };
  walk((doc as { contents: Node | null }).contents, []);
  return notes;
}

/** One value that differs between the imported file and the file the wizard renders. */
export type ValueChange = { path: string[]; before: unknown; after: unknown };

/**
 * What the wizard changed, comparing the values Helm would use (each file merged over the chart
 * defaults): filled-in image tags, a quoted "false" now a real false, a dropped annotation.
 * The UI shows this after an import instead of a text diff that can miss type changes.
 */
export function valuesChanges(original: Tree, rendered: Tree, defaults: Tree): ValueChange[] {
  const before = deepMerge(defaults, original) as Tree;
  const after = deepMerge(defaults, rendered) as Tree;
  const paths = new Map<string, string[]>();
  for (const t of [diffTree(before, after), diffTree(after, before)])
    for (const p of leafPaths(t)) paths.set(p.join('\u0000'), p);
  return [...paths.values()].map((p) => ({
    path: p,
    before: getPath(before, p),
    after: getPath(after, p),
  }));
}
