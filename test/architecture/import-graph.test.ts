import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, localImports } from './import-graph';

const root = path.resolve(__dirname, '..', '..');

describe('import graph', () => {
  it('resolves relative, alias and index imports, type-only and dynamic ones too', () => {
    const files = new Set(['lib/a.ts', 'lib/b/index.ts', 'lib/c.tsx', 'app/x.ts']);
    const text = [
      "import type { B } from './b';",
      "import { c } from '@/lib/c';",
      "const x = await import('../app/x');",
      "import { z } from 'zod';",
      "import { gone } from './missing';",
    ].join('\n');
    expect(localImports('lib/a.ts', text, files).sort()).toEqual([
      'app/x.ts',
      'lib/b/index.ts',
      'lib/c.tsx',
    ]);
  });

  it('finds a two-module cycle, a self-import and a longer ring, and nothing in a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['s', ['s']],
      ['p', ['q']],
      ['q', ['r']],
      ['r', ['p']],
      ['x', ['y']],
      ['y', []],
    ]);
    expect(cycles(g)).toEqual([['a', 'b'], ['s'], ['p', 'q', 'r']]);
    expect(
      cycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('the project has no import cycle, type-only imports included', () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('node_modules/'));
    expect(files.length).toBeGreaterThan(300);
    expect(cycles(importGraph(root, files))).toEqual([]);
  });
});
