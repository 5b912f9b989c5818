/**
 * Current values of a release (`helm get values`) against the new ones, key by key, with secret
 * values masked: a changed secret shows as changed, never its value (PURE).
 */
import { SECRET_MASK } from '../values';
import { isSecretPath } from '../values/secret-paths';
import { getPath, leafPaths, type Tree } from '../values/tree';

export interface ValueChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** YAML-ish JSON of the value (masked when secret); absent for an added/removed side. */
  before?: string;
  after?: string;
}

const show = (path: string[], v: unknown): string => (isSecretPath(path) && v !== '' && v !== null && v !== undefined ? SECRET_MASK : JSON.stringify(v));

/** Every leaf that differs between `current` and `next`, sorted by path. */
export function diffValues(current: Tree, next: Tree): ValueChange[] {
  const seen = new Set<string>();
  const out: ValueChange[] = [];
  for (const p of [...leafPaths(current), ...leafPaths(next)]) {
    const key = p.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    const a = getPath(current, p);
    const b = getPath(next, p);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a === undefined) out.push({ path: key, change: 'added', after: show(p, b) });
    else if (b === undefined) out.push({ path: key, change: 'removed', before: show(p, a) });
    else out.push({ path: key, change: 'changed', before: show(p, a), after: show(p, b) });
  }
  return out.sort((x, y) => x.path.localeCompare(y.path));
}
