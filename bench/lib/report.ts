/**
 * The benchmark results: rows of figures with their target, as a console table and as the
 * Markdown of bench/results.md (PURE: the machine description and date are passed in).
 */

export interface Row {
  /** Benchmark id: latency, diagnosis, scale, page-weight, install, values. */
  bench: string;
  /** What was measured, in words. */
  metric: string;
  /** The figure as printed (unit included). */
  value: string;
  /** The baseline measured in the same run, as printed; '' when there is none. */
  baseline: string;
  /** The target in words; '' when the row is informative only. */
  target: string;
  /** Met / missed; null when the row has no target. */
  met: boolean | null;
  /** How much it was met or missed by, and why where it matters. */
  note: string;
}

export interface Machine {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  load: string;
}

export interface BenchSection {
  id: string;
  title: string;
  ranAt: string;
  /** The load average when this section's benchmark started (sections come from different runs). */
  load?: string;
  rows: Row[];
  details: string[];
}

export const verdict = (met: boolean | null): string =>
  met === null ? '' : met ? 'met' : 'MISSED';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A fixed-width console table of the rows (columns as wide as their widest cell). */
export function formatTable(rows: readonly Row[]): string {
  const head = ['bench', 'metric', 'value', 'baseline', 'target', 'result'];
  const body = rows.map((r) => [
    r.bench,
    r.metric,
    r.value,
    r.baseline,
    r.target,
    [verdict(r.met), r.note].filter(Boolean).join(' — '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** One Markdown table of rows. */
export function markdownTable(rows: readonly Row[]): string {
  const out = [
    '| metric | value | baseline (same run) | target | result |',
    '|---|---:|---:|---|---|',
  ];
  for (const r of rows)
    out.push(
      `| ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.target)} | ${cell([verdict(r.met) && `**${verdict(r.met)}**`, r.note].filter(Boolean).join(' — '))} |`,
    );
  return out.join('\n');
}

/** The line after which bench/results.md holds hand-written notes that a bench run keeps. */
export const KEPT_MARKER =
  '<!-- Written by hand below this line: npm run bench keeps it as it is. -->';

/** The hand-written part of an existing results.md (the marker and all after it), or ''. */
export function keptNotes(existing: string): string {
  const at = existing.indexOf(KEPT_MARKER);
  return at < 0 ? '' : existing.slice(at);
}

/**
 * bench/results.md: the machine, then one section per benchmark in the given order, then the
 * hand-written notes `kept` (from keptNotes of the previous file) unchanged.
 */
export function resultsMarkdown(
  machine: Machine,
  sections: readonly BenchSection[],
  kept = '',
): string {
  const rows = sections.flatMap((s) => s.rows.filter((r) => r.met !== null));
  const missed = rows.filter((r) => r.met === false).length;
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); each section by its latest run. Benchmarks, not tests:',
    'times are noisy on a shared machine, so each figure is set against a baseline measured in the same run.',
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.platform}; load average at start ${machine.load}`,
    `- Node ${machine.node}`,
    `- targets: ${rows.length - missed} of ${rows.length} met${missed ? `, ${missed} missed (see each section)` : ''}`,
    '',
  ];
  for (const s of sections) {
    const load = s.load ? `; load average at its start ${s.load}` : '';
    out.push(`## ${s.title}`, '', `Run ${s.ranAt}${load}.`, '', markdownTable(s.rows), '');
    if (s.details.length) out.push(...s.details.map((d) => `- ${d}`), '');
  }
  return kept ? `${out.join('\n')}\n${kept}` : out.join('\n');
}

/** "12.3 ms" / "1.23 s" from milliseconds. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return Math.abs(v) >= 10_000
    ? `${(v / 1000).toFixed(1)} s`
    : Math.abs(v) >= 1000
      ? `${(v / 1000).toFixed(2)} s`
      : `${v.toFixed(1)} ms`;
}

/** "1.23×" */
export const times = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');
