import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartSourceError, stageChart } from './stage-chart';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'lw-stage-'));

/** A small chart directory; `extra` adds files (relative path → text). */
function chart(extra: Record<string, string> = {}): string {
  const dir = path.join(tmp(), 'mychart');
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(path.join(dir, 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
  for (const [f, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe('stageChart', () => {
  it('copies a chart directory file by file (0600) into the private dir; helm gets the copy', () => {
    const src = chart({ 'files/a.txt': 'A' });
    const into = tmp();
    const out = stageChart(src, into);
    expect(out).toBe(path.join(into, 'chart'));
    expect(readFileSync(path.join(out, 'files', 'a.txt'), 'utf8')).toBe('A');
    expect(readFileSync(path.join(out, 'Chart.yaml'), 'utf8')).toContain('name: c');
    expect(statSync(path.join(out, 'Chart.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o700);
  });

  it("the probe's case: a link in the chart to a file outside it is refused, nothing of it read", () => {
    const outside = path.join(tmp(), 'root-only.txt');
    writeFileSync(outside, 'CANARY-secret-outside', { mode: 0o600 });
    const src = chart();
    symlinkSync(outside, path.join(src, 'files-secret.txt'));
    const into = tmp();
    expect(() => stageChart(src, into)).toThrow(ChartSourceError);
    expect(() => stageChart(src, tmp())).toThrow(
      'files-secret.txt in the chart is a link that leaves the chart: the wizard does not read files outside it. Replace the link by the file itself.',
    );
  });

  it('a link inside the chart to a file of the chart is copied as that file', () => {
    const src = chart({ 'files/real.txt': 'R' });
    symlinkSync('files/real.txt', path.join(src, 'alias.txt'));
    const out = stageChart(src, tmp());
    expect(readFileSync(path.join(out, 'alias.txt'), 'utf8')).toBe('R');
  });

  it('a link to a directory, a dangling link and a link as the chart path itself are refused', () => {
    const a = chart();
    symlinkSync('templates', path.join(a, 'more'));
    expect(() => stageChart(a, tmp())).toThrow('more in the chart links to a directory');
    const b = chart();
    symlinkSync('nothing-here', path.join(b, 'gone.txt'));
    expect(() => stageChart(b, tmp())).toThrow('gone.txt in the chart is a link to nothing');
    const c = chart();
    const link = path.join(tmp(), 'link-to-chart');
    symlinkSync(c, link);
    expect(() => stageChart(link, tmp())).toThrow('The chart path is a link');
  });

  it('a named pipe in the chart is refused (it would block the reader)', () => {
    const src = chart();
    execFileSync('mkfifo', [path.join(src, 'pipe')]);
    expect(() => stageChart(src, tmp())).toThrow('pipe in the chart is not a file or a directory.');
  });

  it('a .tgz is copied as one file; a chart dir is not touched', () => {
    const tgz = path.join(tmp(), 'c-0.1.0.tgz');
    writeFileSync(tgz, 'not really gzip, just bytes');
    const into = tmp();
    const out = stageChart(tgz, into);
    expect(out).toBe(path.join(into, 'chart.tgz'));
    expect(readFileSync(out, 'utf8')).toBe('not really gzip, just bytes');
    const src = chart();
    const before = readdirSync(src).sort();
    stageChart(src, tmp());
    expect(readdirSync(src).sort()).toEqual(before);
  });
});
