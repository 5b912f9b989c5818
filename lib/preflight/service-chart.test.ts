// The preflight of a plan reads the chart of its profile (resolvePreflight, service.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { resolvePreflight } from './service';

// The preflight's dry run renders the chart the install will use: the plan's profile picks it.
const plan350 = () => {
  const a = { ...validAnswers(), chart: '3.50.0' as const };
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  return a;
};

describe('resolvePreflight: the chart of the plan’s profile', () => {
  it('`bundled` is chart-3.50/ for a 3.50 plan and chart/ for a 3.9.4 plan', () => {
    const r350 = resolvePreflight({ answers: plan350(), chart: { source: 'bundled' } });
    expect(r350.chart).toEqual({ chart: path.resolve(process.cwd(), 'chart-3.50') });
    const r394 = resolvePreflight({ answers: validAnswers(), chart: { source: 'bundled' } });
    expect(r394.chart).toEqual({ chart: path.resolve(process.cwd(), 'chart') });
  });
  it('no chart named: Lightrun’s published chart at the plan’s version', () => {
    expect(resolvePreflight({ answers: plan350() }).chart?.chartVersion).toBe('3.50.0');
    expect(resolvePreflight({ answers: validAnswers() }).chart?.chartVersion).toBe('3.9.4');
  });
});
