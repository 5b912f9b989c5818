/**
 * Plain-data helpers for Helm values trees (maps deep-merge, lists and scalars replace:
 * docs/chart-3.9.4.md G5).
 */

export type Tree = { [key: string]: unknown };
export type Path = readonly string[];

export function isMap(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getPath(t: unknown, path: Path): unknown {
  let cur: unknown = t;
  for (const k of path) {
    if (!isMap(cur) || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function hasPath(t: unknown, path: Path): boolean {
  let cur: unknown = t;
  for (const k of path) {
    if (!isMap(cur) || !Object.hasOwn(cur, k)) return false;
    cur = cur[k];
  }
  return true;
}

/** Sets a value, creating maps on the way (and replacing a non-map in the way). */
export function setPath(t: Tree, path: Path, value: unknown): void {
  let cur = t;
  path.slice(0, -1).forEach((k) => {
    if (!isMap(cur[k])) cur[k] = {};
    cur = cur[k] as Tree;
  });
  cur[path[path.length - 1]!] = value;
}

/** Removes a path; maps left empty by the removal are removed too (they held only that key). */
export function deletePath(t: Tree, path: Path): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(t, head)) return;
  if (rest.length === 0) {
    delete t[head];
    return;
  }
  const child = t[head];
  if (!isMap(child)) return;
  deletePath(child, rest);
  if (Object.keys(child).length === 0) delete t[head];
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Helm's merge: `over` wins; maps merge key by key; lists and scalars replace. Inputs untouched. */
export function deepMerge(base: unknown, over: unknown): unknown {
  return clone(mergeShared(base, over));
}

// The merge without copying: the result shares unmerged sub-trees with its inputs, so callers
// copy it once (`deepMerge`) instead of at every level.
function mergeShared(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over;
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = Object.hasOwn(out, k) && isMap(out[k]) && isMap(v) ? mergeShared(out[k], v) : v;
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/**
 * What `full` has that `defaults` does not give already: the smallest override file that Helm
 * merges back into `full`. Maps recurse; anything else is kept whole when it differs.
 */
export function diffTree(full: Tree, defaults: unknown): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(full)) {
    const d = isMap(defaults) && Object.hasOwn(defaults, k) ? defaults[k] : undefined;
    if (isMap(v) && isMap(d)) {
      const sub = diffTree(v, d);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (!deepEqual(v, d) || (isMap(defaults) && !Object.hasOwn(defaults, k))) {
      out[k] = clone(v);
    }
  }
  return out;
}

/** Every leaf path (a scalar, a list or an empty map) of a tree, depth first. */
export function leafPaths(t: Tree, prefix: string[] = []): string[][] {
  return Object.entries(t).flatMap(([k, v]) =>
    isMap(v) && Object.keys(v).length > 0 ? leafPaths(v, [...prefix, k]) : [[...prefix, k]],
  );
}

/** Reorders keys to follow `order` (the chart defaults), keeping unknown keys after, recursively. */
export function orderLike(t: Tree, order: unknown): Tree {
  const ref = isMap(order) ? order : {};
  const keys = [
    ...Object.keys(ref).filter((k) => Object.hasOwn(t, k)),
    ...Object.keys(t).filter((k) => !Object.hasOwn(ref, k)),
  ];
  const out: Tree = {};
  for (const k of keys) out[k] = isMap(t[k]) ? orderLike(t[k] as Tree, ref[k]) : t[k];
  return out;
}
