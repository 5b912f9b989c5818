// Reads Stryker's JSON report (mutation-testing-report-schema) into the figures bench/mutation.md
// records, and matches each surviving mutant against the reviewed list of equivalent mutants.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The source text a mutant replaced (locations are 1-based lines and columns). */
export function originalText(source, loc) {
  const lines = source.split('\n');
  const { start, end } = loc;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const first = lines[start.line - 1].slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = lines[end.line - 1].slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Equivalent mutants, reviewed by hand: same behaviour, so no test can kill them. */
export function loadEquivalents(root) {
  return JSON.parse(readFileSync(path.join(root, 'scripts', 'mutate', 'equivalent.json'), 'utf8'));
}

const matches = (e, file, m, original) =>
  e.file === file && e.mutator === m.mutatorName && squash(e.original) === squash(original) && squash(e.replacement) === squash(m.replacement ?? '');

/** Counts and survivors of the files of one module. Score as Stryker defines it (timeouts count as killed). */
export function summarise(report, files, root) {
  const equivalents = loadEquivalents(root);
  const c = { total: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
  const survivors = [];
  for (const [key, f] of Object.entries(report.files)) {
    const file = path.isAbsolute(key) ? path.relative(root, key).split(path.sep).join('/') : key;
    if (!files.includes(file)) continue;
    for (const m of f.mutants) {
      const status = m.status;
      if (status === 'Ignored') { c.ignored++; continue; }
      if (status === 'CompileError' || status === 'RuntimeError') { c.errors++; continue; }
      c.total++;
      if (status === 'Killed') c.killed++;
      else if (status === 'Timeout') c.timeout++;
      else if (status === 'Survived' || status === 'NoCoverage') {
        if (status === 'Survived') c.survived++;
        else c.noCoverage++;
        const original = originalText(f.source, m.location);
        const eq = equivalents.find((e) => matches(e, file, m, original));
        survivors.push({
          file, line: m.location.start.line, mutator: m.mutatorName, status,
          original: squash(original).slice(0, 120), replacement: squash(m.replacement ?? '').slice(0, 120),
          equivalent: eq ? eq.reason : null,
        });
      }
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const detected = c.killed + c.timeout;
  const equivalentCount = survivors.filter((s) => s.equivalent).length;
  const score = c.total === 0 ? 100 : (100 * detected) / c.total;
  const scoreWithoutEquivalents = c.total - equivalentCount === 0 ? 100 : (100 * detected) / (c.total - equivalentCount);
  return { ...c, score, scoreWithoutEquivalents, equivalentCount, survivors };
}
