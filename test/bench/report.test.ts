import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatTable,
  keptNotes,
  KEPT_MARKER,
  markdownTable,
  ms,
  resultsMarkdown,
  times,
  verdict,
  type Row,
} from '../../bench/lib/report';

const rows: Row[] = [
  {
    bench: 'latency',
    metric: 'dashboard p95',
    value: '120.0 ms',
    baseline: '40.0 ms',
    target: '≤ bare + 100 ms',
    met: true,
    note: 'by 20.0 ms',
  },
  {
    bench: 'scale',
    metric: 'a | b',
    value: '9 MB',
    baseline: '',
    target: '< 10 %',
    met: false,
    note: 'over by 2 %',
  },
  {
    bench: 'values',
    metric: 'render',
    value: '2.0 ms',
    baseline: '',
    target: '',
    met: null,
    note: '',
  },
];

describe('formatTable', () => {
  it('pads every column to its widest cell and says met / MISSED with the note', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines[0]).toBe('bench    metric         value     baseline  target           result');
    expect(lines[1]).toBe(
      [
        '-------',
        '-------------',
        '--------',
        '--------',
        '---------------',
        '--------------------',
      ].join('  '),
    );
    expect(lines[2]).toBe(
      'latency  dashboard p95  120.0 ms  40.0 ms   ≤ bare + 100 ms  met — by 20.0 ms',
    );
    expect(lines[3]).toBe(
      'scale    a | b          9 MB                < 10 %           MISSED — over by 2 %',
    );
    expect(lines[4]).toBe('values   render         2.0 ms');
  });
});

describe('markdownTable / resultsMarkdown', () => {
  it('escapes pipes, bolds the verdict, leaves an untargeted row without one', () => {
    const md = markdownTable(rows).split('\n');
    expect(md).toHaveLength(5);
    expect(md[2]).toBe(
      '| dashboard p95 | 120.0 ms | 40.0 ms | ≤ bare + 100 ms | **met** — by 20.0 ms |',
    );
    expect(md[3]).toBe('| a \\| b | 9 MB |  | < 10 % | **MISSED** — over by 2 % |');
    expect(md[4]).toBe('| render | 2.0 ms |  |  |  |');
  });
  it('names the machine and counts targets met and missed', () => {
    const machine = {
      date: '2026-12-02T00:00:00Z',
      cores: 2,
      cpuModel: 'X',
      memoryGiB: 23.4,
      node: 'v20.20.2',
      platform: 'linux/x64',
      load: '1.00',
    };
    const md = resultsMarkdown(machine, [
      { id: 'latency', title: '1. Status latency', ranAt: 'then', rows, details: ['why'] },
    ]);
    expect(md).toContain(
      '- machine: 2 cores (X), 23.4 GiB memory, linux/x64; load average at start 1.00',
    );
    expect(md).toContain('- Node v20.20.2');
    expect(md).toContain('- targets: 1 of 2 met, 1 missed (see each section)');
    expect(md).toContain('## 1. Status latency\n\nRun then.\n\n| metric');
    expect(md).toContain('\n- why\n');
    // sections come from different runs: each says the load its own run started under
    const loaded = resultsMarkdown(machine, [
      { id: 'x', title: 'x', ranAt: 't', load: '9.50 8.00 7.25', rows, details: [] },
    ]);
    expect(loaded).toContain('## x\n\nRun t; load average at its start 9.50 8.00 7.25.\n');
    const allMet = resultsMarkdown(machine, [
      { id: 'x', title: 'x', ranAt: 't', rows: [rows[0]!], details: [] },
    ]);
    expect(allMet).toContain('- targets: 1 of 1 met\n');
  });
});

// Rows found by StrykerJS (bench/mutation.md): the whole file compared, not a few lines of it,
// and line breaks inside a cell (a lone \n or \r\n) flattened to a space.
describe('resultsMarkdown: the whole text', () => {
  it('header, machine, one section without details and one with', () => {
    const machine = {
      date: 'D',
      cores: 2,
      cpuModel: 'X',
      memoryGiB: 24,
      node: 'v20',
      platform: 'linux/x64',
      load: '0.50',
    };
    const row: Row = {
      bench: 'b',
      metric: 'm',
      value: '1 ms',
      baseline: '',
      target: 't',
      met: true,
      note: '',
    };
    expect(
      resultsMarkdown(machine, [
        { id: 'a', title: 'A', ranAt: 'r1', rows: [row], details: [] },
        { id: 'b', title: 'B', ranAt: 'r2', rows: [], details: ['d'] },
      ]),
    ).toBe(
      [
        '# Benchmark results',
        '',
        'Written by `npm run bench` (bench/run.ts); each section by its latest run. Benchmarks, not tests:',
        'times are noisy on a shared machine, so each figure is set against a baseline measured in the same run.',
        '',
        '- date: D',
        '- machine: 2 cores (X), 24.0 GiB memory, linux/x64; load average at start 0.50',
        '- Node v20',
        '- targets: 1 of 1 met',
        '',
        '## A',
        '',
        'Run r1.',
        '',
        '| metric | value | baseline (same run) | target | result |',
        '|---|---:|---:|---|---|',
        '| m | 1 ms |  | t | **met** |',
        '',
        '## B',
        '',
        'Run r2.',
        '',
        '| metric | value | baseline (same run) | target | result |',
        '|---|---:|---:|---|---|',
        '',
        '- d',
        '',
      ].join('\n'),
    );
  });
  it('a cell with line breaks stays on one table line', () => {
    const row: Row = {
      bench: 'b',
      metric: 'two\nlines',
      value: 'a\r\nb',
      baseline: '',
      target: '',
      met: null,
      note: '',
    };
    expect(markdownTable([row]).split('\n')[2]).toBe('| two lines | a b |  |  |  |');
  });
});

describe('units', () => {
  it('ms below 1 s, seconds with two decimals below 10 s, one above', () => {
    expect(ms(999.94)).toBe('999.9 ms');
    expect(ms(1000)).toBe('1.00 s');
    expect(ms(9999)).toBe('10.00 s');
    expect(ms(10_000)).toBe('10.0 s');
    expect(ms(-1500)).toBe('-1.50 s');
    expect(ms(Number.NaN)).toBe('n/a');
    expect(times(1.234)).toBe('1.23×');
    expect(times(Number.NaN)).toBe('n/a');
    expect(verdict(null)).toBe('');
  });
});

describe('the hand-written notes a bench run keeps', () => {
  const machine = {
    date: 'D',
    cores: 2,
    cpuModel: 'X',
    memoryGiB: 24,
    node: 'v24',
    platform: 'linux/x64',
    load: '0.50',
  };
  it('keeps the marker and everything after it, byte for byte, after the generated sections', () => {
    const notes = `${KEPT_MARKER}\n\n## What the benchmarks changed\n\n- a note\n`;
    const before = `# Benchmark results\n\nold generated text\n${notes}`;
    expect(keptNotes(before)).toBe(notes);
    const md = resultsMarkdown(machine, [], keptNotes(before));
    expect(md.endsWith(`\n${notes}`)).toBe(true);
    expect(md).not.toContain('old generated text');
  });
  it('without the marker nothing is kept, and nothing is appended', () => {
    expect(keptNotes('# Benchmark results\n\n## Summary\n')).toBe('');
    expect(resultsMarkdown(machine, [], '')).toBe(resultsMarkdown(machine, []));
  });
  it('the recorded results.md carries the marker, so its notes survive the next run', () => {
    const file = readFileSync(path.join(__dirname, '..', '..', 'bench', 'results.md'), 'utf8');
    expect(keptNotes(file)).toContain('## What the benchmarks changed, and what is left');
  });
});
