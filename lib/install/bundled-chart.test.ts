import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_CHART, BUNDLED_CHART_350, bundledChartFor } from './bundled-chart';

// `bundled` names the project's test chart of the plan's profile: chart-3.50/ for a 3.50 plan,
// never chart/ (whose 3.9.4 layout would ignore most of a 3.50 values file).
describe('bundledChartFor', () => {
  it('a 3.50 plan gets chart-3.50/, a 3.9.4 plan (or one naming no chart) chart/', () => {
    expect(bundledChartFor('3.50.0')).toBe(BUNDLED_CHART_350);
    expect(bundledChartFor('3.9.4')).toBe(BUNDLED_CHART);
    expect(bundledChartFor(undefined)).toBe(BUNDLED_CHART);
    expect(path.basename(BUNDLED_CHART_350)).toBe('chart-3.50');
    expect(path.basename(BUNDLED_CHART)).toBe('chart');
  });
  it('each directory holds a chart whose values contract is its profile', () => {
    for (const [dir, want] of [
      [BUNDLED_CHART, '3.9.4'],
      [BUNDLED_CHART_350, '3.50.0'],
    ] as const) {
      expect(existsSync(path.join(dir, 'Chart.yaml'))).toBe(true);
      const meta = parse(readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')) as {
        annotations?: Record<string, string>;
      };
      expect(meta.annotations?.['lightrun.com/values-contract']).toBe(want);
    }
  });
});
