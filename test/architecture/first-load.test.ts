/**
 * What the wizard's first page loads at once (bench:bundle's budget, docs/development.md): the
 * modules `components/wizard.tsx` reaches through static value imports — `import type` erases at
 * build time and `import()` (next/dynamic) is a chunk of its own — must not bring a library the
 * first paint does not need. zod alone is 30 kB gzip: the browser judges nothing with it (the
 * server validates), and the YAML library loads with the preview and Review.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
/** `import x from 'm'`, `import { a } from 'm'`, `import 'm'`, `export { a } from 'm'` — not `import type`. */
const STATIC =
  /(?:^|\n)\s*(?:import|export)\s+(?!type[\s{])(?:[^;'"]*?\bfrom\s*)?['"]([^'"\n]+)['"]/g;

/** The specifiers a module's static value imports name. */
export function staticSpecifiers(text: string): string[] {
  return [...text.matchAll(STATIC)].map((m) => m[1]!);
}

/** Every module `entry` reaches through static value imports, and the packages they name. */
function reach(entry: string, files: ReadonlySet<string>) {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const spec of staticSpecifiers(readFileSync(path.join(root, file), 'utf8'))) {
      const base = spec.startsWith('@/')
        ? spec.slice(2)
        : spec.startsWith('.')
          ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
          : null;
      if (base === null) {
        if (!packages.has(spec)) packages.set(spec, file);
        continue;
      }
      const hit = CANDIDATES.map((c) => base + c).find((c) => files.has(c));
      if (hit) visit(hit);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe("the wizard's first page", () => {
  it('reads static value imports only', () => {
    const text = [
      "import type { A } from './a';",
      "import type {\n  B,\n} from './b';",
      "import { c, type C } from './c';",
      'import {\n  d,\n  e,\n} from "@/lib/d";',
      "import './x.css';",
      "export { f } from './f';",
      "export type { G } from './g';",
      "const H = dynamic(() => import('./h'));",
      "import z from 'zod';",
    ].join('\n');
    expect(staticSpecifiers(text)).toEqual(['./c', '@/lib/d', './x.css', './f', 'zod']);
  });

  it('loads neither zod nor the YAML library at once', () => {
    const files = new Set(
      execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
        cwd: root,
        encoding: 'utf8',
      })
        .split('\n')
        .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('node_modules/')),
    );
    const { modules, packages } = reach('components/wizard.tsx', files);
    expect(modules.size).toBeGreaterThan(20);
    const heavy = ['zod', 'yaml'].filter((p) => packages.has(p)).map((p) => [p, packages.get(p)]);
    expect(heavy).toEqual([]);
  });

  it('loads the code of one chart profile, and of Review, only when it is shown', () => {
    const files = new Set(
      execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
        cwd: root,
        encoding: 'utf8',
      })
        .split('\n')
        .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('node_modules/')),
    );
    const { modules } = reach('components/wizard.tsx', files);
    const lazy = [...files].filter(
      (f) =>
        /^components\/(chart-350-[^/]+|exposure-350)\.tsx$/.test(f) ||
        f === 'lib/answers/exposure-350.ts' ||
        // the image list and mirror commands: Review's, with a private registry
        f === 'lib/images/mirror.ts' ||
        f === 'lib/images/reference.ts',
    );
    expect(lazy.length).toBeGreaterThan(4);
    expect(lazy.filter((f) => modules.has(f))).toEqual([]);
  });
});
