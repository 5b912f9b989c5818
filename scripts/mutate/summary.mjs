// Reads Stryker's JSON report (mutation-testing-report-schema) into the figures bench/mutation.md
// records, and matches each surviving mutant against the reviewed list of equivalent mutants.
import { existsSync, readFileSync } from 'node:fs';
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

/** Real survivors reviewed and deliberately left (a behaviour change no test pins yet), with why. */
export function loadLeft(root) {
  const file = path.join(root, 'scripts', 'mutate', 'left.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

// Survivors are recorded squashed and cut to 120 characters: compare in that form.
const short = (s) => squash(s).slice(0, 120);
/** True when reviewed entry `e` describes survivor `s` ({file, mutator, original, replacement}). */
export const sameMutant = (e, s) =>
  e.file === s.file &&
  e.mutator === s.mutator &&
  short(e.original) === short(s.original) &&
  short(e.replacement) === short(s.replacement);

/** Counts and survivors of the files of one module. Score as Stryker defines it (timeouts count as killed). */
export function summarise(report, files, root) {
  const equivalents = loadEquivalents(root);
  const left = loadLeft(root);
  const c = { total: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
  const survivors = [];
  for (const [key, f] of Object.entries(report.files)) {
    const file = path.isAbsolute(key) ? path.relative(root, key).split(path.sep).join('/') : key;
    if (!files.includes(file)) continue;
    for (const m of f.mutants) {
      const status = m.status;
      if (status === 'Ignored') {
        c.ignored++;
        continue;
      }
      if (status === 'CompileError' || status === 'RuntimeError') {
        c.errors++;
        continue;
      }
      c.total++;
      if (status === 'Killed') c.killed++;
      else if (status === 'Timeout') c.timeout++;
      else if (status === 'Survived' || status === 'NoCoverage') {
        if (status === 'Survived') c.survived++;
        else c.noCoverage++;
        const original = originalText(f.source, m.location);
        const s = {
          file,
          line: m.location.start.line,
          mutator: m.mutatorName,
          status,
          original: short(original),
          replacement: short(m.replacement ?? ''),
        };
        s.equivalent = equivalents.find((e) => sameMutant(e, s))?.reason ?? null;
        s.left = left.find((e) => sameMutant(e, s))?.reason ?? null;
        survivors.push(s);
      }
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return scores({ ...c, survivors });
}

/** Score and score without the listed equivalents, from the counts and classified survivors. */
export function scores(r) {
  const detected = r.killed + r.timeout;
  const equivalentCount = r.survivors.filter((s) => s.equivalent).length;
  const score = r.total === 0 ? 100 : (100 * detected) / r.total;
  const scoreWithoutEquivalents =
    r.total - equivalentCount === 0 ? 100 : (100 * detected) / (r.total - equivalentCount);
  return { ...r, score, scoreWithoutEquivalents, equivalentCount };
}

/** Re-matches recorded survivors against the reviewed lists (after equivalent.json / left.json change). */
export function reclassify(result, root) {
  const equivalents = loadEquivalents(root);
  const left = loadLeft(root);
  const survivors = result.survivors.map((s) => ({
    ...s,
    equivalent: equivalents.find((e) => sameMutant(e, s))?.reason ?? null,
    left: left.find((e) => sameMutant(e, s))?.reason ?? null,
  }));
  return scores({ ...result, survivors });
}
