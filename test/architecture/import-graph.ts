/**
 * The project's import graph, type-only imports included, and its cycles. ESLint's
 * import-x/no-cycle skips `import type`, which disappears at run time but still ties two modules
 * together for a reader and for every later move (docs/architecture.md: no import cycles at all).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g;
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Local imports of one source text, resolved against the set of known files (`@/` is the root). */
export function localImports(file: string, text: string, files: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1]!;
    let base: string;
    if (spec.startsWith('@/')) base = spec.slice(2);
    else if (spec.startsWith('.'))
      base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    else continue;
    const hit = CANDIDATES.map((c) => base + c).find((c) => files.has(c));
    if (hit) out.add(hit);
  }
  return [...out];
}

/** Every strongly connected group of more than one module (or a module importing itself). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (;;) {
      const w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
      if (w === v) break;
    }
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The graph of the given repository files (paths relative to `root`). */
export function importGraph(root: string, files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => [f, localImports(f, readFileSync(path.join(root, f), 'utf8'), known)]),
  );
}
