import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diagnosisCases } from '../../bench/diagnosis';
import { parseArgs, planFor, sectionId, sectionOrder, sectionTitle } from '../../bench/lib/profile';
import { resolveAnswers } from '../../lib/target';
import { renderYaml } from '../../lib/values';

const quick = parse(
  readFileSync(path.join(__dirname, '../../examples/quick-default/answers.yaml'), 'utf8'),
) as Record<string, unknown>;

describe('parseArgs', () => {
  it('reads names, --build and --chart in either form; 3.9.4 without --chart', () => {
    expect(parseArgs(['latency', '--build'])).toEqual({
      names: ['latency'],
      profile: '3.9.4',
      build: true,
    });
    expect(parseArgs(['--chart', '3.50.0', 'diagnosis']).profile).toBe('3.50.0');
    expect(parseArgs(['--chart', '3.50.0', 'diagnosis']).names).toEqual(['diagnosis']);
    expect(parseArgs(['--chart=3.50.0']).profile).toBe('3.50.0');
  });
  it('refuses an unknown chart, a missing one, an unknown option, and --chart on other benchmarks', () => {
    expect(() => parseArgs(['--chart', '3.49.0'])).toThrow(/3\.9\.4 or 3\.50\.0, not 3\.49\.0/);
    expect(() => parseArgs(['--chart'])).toThrow(/not nothing/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['scale', '--chart', '3.50.0'])).toThrow(/not scale/);
    expect(parseArgs(['scale', '--chart', '3.9.4']).names).toEqual(['scale']);
  });
});

describe('sections per profile', () => {
  it('keeps 3.9.4 ids and titles as they were and suffixes the others', () => {
    expect(sectionId('latency', '3.9.4')).toBe('latency');
    expect(sectionId('latency', '3.50.0')).toBe('latency@3.50.0');
    expect(sectionTitle('1. Status latency', '3.9.4')).toBe('1. Status latency');
    expect(sectionTitle('1. Status latency', '3.50.0')).toBe('1. Status latency (chart 3.50.0)');
  });
  it('orders each profiled benchmark’s 3.50 section right after its 3.9.4 one', () => {
    expect(sectionOrder(['latency', 'diagnosis', 'scale'])).toEqual([
      'latency',
      'latency@3.50.0',
      'diagnosis',
      'diagnosis@3.50.0',
      'scale',
    ]);
  });
});

describe('planFor', () => {
  it('3.9.4: the example as it is', () => {
    expect(planFor(quick, '3.9.4')).toBe(quick);
  });
  it('3.50: a valid 3.50 plan with a fresh key and a local queue, rendered for chart 3.50.0', () => {
    const a = planFor(quick, '3.50.0');
    const r = resolveAnswers(a);
    expect(r.chart).toBe('3.50.0');
    expect(r.messageQueue.mode).toBe('local');
    expect(r.secrets).toMatchObject({
      encryptionKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    expect(planFor(quick, '3.50.0').secrets).not.toEqual(a.secrets);
    const values = renderYaml(r).values;
    expect(values).toContain('chart 3.50.0');
    expect(parse(values).general.mq).toEqual({ enabled: true, local: true });
  });
});

describe('the 3.50 diagnosis cases', () => {
  const rendered = (i: number) => {
    const c = diagnosisCases('3.50.0')[i]!;
    return parse(renderYaml(resolveAnswers(c.answers(quick))).values).deployments;
  };
  it('name the bundled chart-3.50/ for the wizard and for helm', () => {
    for (const c of diagnosisCases('3.50.0')) {
      const chart = c.chart(undefined as never);
      expect(chart.request).toEqual({ source: 'bundled' });
      expect(chart.dir).toMatch(/\/chart-3\.50$/);
    }
  });
  it('each set its fault on a 3.50 workload in the values the wizard renders', () => {
    expect(rendered(0).keycloak.initContainers.wait_for_rabbitmq.image.tag).toBe('does-not-exist');
    expect(rendered(1).router.podLabels).toEqual({ 'sim.lightrun.dev/failure': 'crashloop' });
    expect(rendered(2).artifacts.resources.cpu).toBe('16');
  });
  it('3.9.4 keeps its cases: the real chart/ for the wrong tag', () => {
    const c = diagnosisCases('3.9.4')[0]!;
    expect(c.chart(undefined as never).dir).toMatch(/\/chart$/);
    expect(c.answers(quick).general).toMatchObject({ lightrunVersion: 'does-not-exist' });
  });
});
