// The never-drop invariant of lib/upgrade: every key of a 3.9.4 release reaches the 3.50 values
// at its own path, or a row says where it went (translated, with its `to` keys written) or that it
// was dropped.
import { getPath, hasPath, isMap, leafPaths, type Tree } from '../../values/tree';
import type { Translated } from '..';

/** Whether a row's `from` (dotted; map keys may hold dots themselves) covers a leaf. */
const covers = (from: string, leaf: string[]) => {
  const l = leaf.join('.');
  return l === from || l.startsWith(`${from}.`);
};

/** The input keys (dotted) that neither reach the output nor are accounted for by a row. */
export function lostKeys(input: Tree, { values, rows }: Translated): string[] {
  return leafPaths(input)
    .filter((leaf) => !hasPath(values, leaf))
    .filter(
      (leaf) =>
        !rows.some(
          (r) =>
            r.from.some((f) => covers(f, leaf)) &&
            (r.fate === 'dropped' ||
              (r.fate === 'translated' &&
                r.to.length > 0 &&
                r.to.every((p) => getPath(values, p.split('.')) !== undefined))),
        ),
    )
    .map((leaf) => leaf.join('.'));
}

/** Every string anywhere in a tree (to look for a value that must not travel). */
export function allStrings(t: unknown): string[] {
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.flatMap(allStrings);
  return isMap(t) ? Object.values(t).flatMap(allStrings) : [];
}
