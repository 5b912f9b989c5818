// The checks that read the code without running it: Prettier's formatting, ESLint (which also
// holds the architecture's import rules: eslint.config.mjs) and TypeScript's type check. Each is
// one test in `npm test`'s final line; a failure names the files and rules, so the last lines of a
// long run say what to fix (`npm run format`, `npm run lint`, `npx tsc --noEmit`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = (root, name) => path.join(root, 'node_modules', '.bin', name);

function run(root, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Prettier: the files that differ from their formatted form. */
export function formatCheck(root) {
  const r = run(root, bin(root, 'prettier'), ['--list-different', '.']);
  const files = r.out.split('\n').filter((l) => l && !l.startsWith('['));
  if (r.code === 0) return { ok: true, problems: [] };
  const problems = files.length
    ? files.map((f) => `${f}: not formatted (npm run format)`)
    : [r.out.trim().split('\n')[0] ?? 'prettier failed'];
  return { ok: false, problems };
}

/** ESLint: every problem as `file:line rule — message`. */
export function lintCheck(root) {
  const r = run(root, bin(root, 'eslint'), ['--format', 'json', '.']);
  let report;
  try {
    report = JSON.parse(r.out.slice(r.out.indexOf('[')));
  } catch {
    return { ok: false, problems: [r.out.trim().split('\n')[0] ?? 'eslint failed'] };
  }
  const problems = report.flatMap((f) =>
    f.messages.map(
      (m) =>
        `${path.relative(root, f.filePath)}:${m.line ?? 0} ${m.ruleId ?? 'parse'} — ${m.message.split('\n')[0]}`,
    ),
  );
  return { ok: r.code === 0 && problems.length === 0, problems };
}

/** tsc --noEmit: each error line. */
export function typeCheck(root) {
  const r = run(root, bin(root, 'tsc'), ['--noEmit', '--pretty', 'false']);
  const problems = r.out.split('\n').filter((l) => /error TS\d+/.test(l));
  return {
    ok: r.code === 0,
    problems: r.code === 0 ? [] : problems.length ? problems : ['tsc failed'],
  };
}
