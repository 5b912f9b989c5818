import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type FoundPattern = { file: string; line: number; source: string; flags: string };

const ROOTS = ['lib', 'app', 'components', 'proxy.ts', 'scripts/server.mjs', 'scripts/start.mjs'];

function* sourceFiles(abs: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    if (/\.(ts|tsx|mjs)$/.test(abs) && existsSync(abs)) yield abs;
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(abs, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name)) yield p;
  }
}

/** Every regular-expression literal and `new RegExp("literal")` in the shipped source. */
export function findPatterns(root: string): FoundPattern[] {
  const found: FoundPattern[] = [];
  for (const r of ROOTS) {
    for (const file of sourceFiles(path.join(root, r))) {
      const text = readFileSync(file, 'utf8');
      const sf = ts.createSourceFile(
        file,
        text,
        ts.ScriptTarget.Latest,
        true,
        file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      );
      const visit = (n: ts.Node) => {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        const rel = path.relative(root, file);
        if (ts.isRegularExpressionLiteral(n)) {
          const t = n.text;
          const end = t.lastIndexOf('/');
          found.push({ file: rel, line, source: t.slice(1, end), flags: t.slice(end + 1) });
        } else if (
          ts.isNewExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 'RegExp'
        ) {
          const [src, flags] = n.arguments ?? [];
          if (src && ts.isStringLiteralLike(src))
            found.push({
              file: rel,
              line,
              source: src.text,
              flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '',
            });
          else found.push({ file: rel, line, source: '<dynamic>', flags: '' });
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
  }
  return found;
}
