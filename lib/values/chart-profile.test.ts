import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ONLY_350,
  ONLY_394,
  detectChartProfile,
  evidenceText,
  mixedProfileNote,
  type ProfileEvidence,
} from './chart-profile';
import { checkValues } from './check';
import { importValues } from './import';

const root = path.resolve(__dirname, '../..');
const yamlAt = (...p: string[]) => parse(readFileSync(path.join(root, ...p), 'utf8')) as unknown;
const defaults394 = yamlAt('chart', 'values.yaml');
const defaults350 = yamlAt('chart-3.50', 'values.yaml');

/** A tree with one key path set (to an empty map, the weakest value a file can hold). */
function withKey(p: string, value: unknown = {}): Record<string, unknown> {
  const keys = p.split('.');
  const top: Record<string, unknown> = {};
  let node = top;
  for (const k of keys.slice(0, -1)) node = (node[k] = {}) as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = value;
  return top;
}
const has = (tree: unknown, p: string) =>
  p.split('.').every((k) => {
    if (tree === null || typeof tree !== 'object' || !(k in tree)) return false;
    tree = (tree as Record<string, unknown>)[k];
    return true;
  });
const tag = (component: string, t: string) => ({
  deployments: { [component]: { image: { tag: t } } },
});

describe('the key lists (docs/chart-3.50.md §3, §4) against both charts’ defaults', () => {
  it.each(ONLY_394)('%s: in chart 3.9.4’s defaults, not in 3.50’s', (p) => {
    expect(has(defaults394, p)).toBe(true);
    expect(has(defaults350, p)).toBe(false);
  });
  it.each(ONLY_350)('%s: in chart 3.50’s defaults, not in 3.9.4’s', (p) => {
    expect(has(defaults350, p)).toBe(true);
    expect(has(defaults394, p)).toBe(false);
  });
});

describe('detectChartProfile', () => {
  it.each(ONLY_394)('a file with only %s is a 3.9.4 file', (p) => {
    const g = detectChartProfile(withKey(p));
    expect(g).toEqual({
      version: '3.9.4',
      evidence: [{ version: '3.9.4', path: p, why: 'a key chart 3.50 removed' }],
    });
  });
  it.each(ONLY_350)('a file with only %s is a 3.50 file', (p) => {
    expect(detectChartProfile(withKey(p)).version).toBe('3.50.0');
  });

  it('each chart’s own defaults are read as that chart', () => {
    const g394 = detectChartProfile(defaults394);
    expect(g394.version).toBe('3.9.4');
    expect(g394.evidence.filter((e) => e.version === '3.9.4')).toHaveLength(ONLY_394.length);
    expect(detectChartProfile(defaults350).version).toBe('3.50.0');
  });

  it('the smallest 3.50 file is read as 3.50, and without its crons and artifacts keys through its image tags alone', () => {
    const minimal = yamlAt('test/chart/fixtures/chart-3.50/minimal.yaml') as {
      deployments: Record<string, unknown>;
    };
    expect(detectChartProfile(minimal).version).toBe('3.50.0');
    delete minimal.deployments.crons;
    delete minimal.deployments.artifacts;
    const g = detectChartProfile(minimal);
    expect(g.version).toBe('3.50.0');
    expect(g.evidence.map((e) => e.path)).toEqual([
      'deployments.backend.image.tag',
      'deployments.frontend.image.tag',
      'deployments.keycloak.image.tag',
    ]);
  });

  it.each([
    ['backend', '1.91.0-release.943266f167', '3.50.0'],
    ['frontend', '1.91.3', '3.50.0'],
    ['keycloak', '1.50.1-release.ef66f0e08e', '3.9.4'],
    ['backend', '1.9.1', null],
    ['backend', '1.910.0', null],
    ['backend', '1.5.0', null],
    ['backend', 'latest', null],
    ['redis', '1.91.0', null],
  ] as const)('%s tag %s → %s', (component, t, version) => {
    expect(detectChartProfile(tag(component, t)).version).toBe(version);
  });

  it('a tag that is no string is no evidence', () => {
    expect(detectChartProfile(tag('backend', 1.91 as unknown as string)).evidence).toEqual([]);
  });

  it('no sign, signs of both, and no map at all: no version', () => {
    expect(detectChartProfile({ general: { name: 'acme' } })).toEqual({
      version: null,
      evidence: [],
    });
    const both = detectChartProfile({ ...withKey('ingress_clients'), ...withKey('general.crons') });
    expect(both.version).toBeNull();
    expect(both.evidence.map((e) => e.version)).toEqual(['3.9.4', '3.50.0']);
    for (const v of [null, undefined, 'text', ['general']])
      expect(detectChartProfile(v)).toEqual({ version: null, evidence: [] });
  });

  it('a key path is matched whole: a parent or a sibling of a listed key is no evidence', () => {
    expect(detectChartProfile({ general: { router: {} } }).version).toBeNull();
    expect(detectChartProfile(withKey('general.router.acl.admin')).version).toBeNull();
    expect(detectChartProfile(withKey('general.mq.enabled', false)).version).toBeNull();
  });

  it('the wizard’s own files (every example) are never read as 3.50', () => {
    const dirs = readdirSync(path.join(root, 'examples'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && d.name !== 'certs',
    );
    expect(dirs.length).toBeGreaterThan(5);
    for (const d of dirs) {
      const g = detectChartProfile(yamlAt('examples', d.name, 'values.yaml'));
      expect(
        g.evidence.filter((e) => e.version === '3.50.0'),
        d.name,
      ).toEqual([]);
    }
  });
});

describe('what import and check say', () => {
  const ev = (n: number): ProfileEvidence[] =>
    Array.from({ length: n }, (_, i) => ({ version: '3.50.0', path: `k${i}`, why: '' }));

  it('evidenceText shows three keys, then says how many more', () => {
    expect(evidenceText(ev(3), '3.50.0')).toBe('k0, k1, k2');
    expect(evidenceText(ev(4), '3.50.0')).toBe('k0, k1, k2 and 1 more');
    expect(evidenceText(ev(4), '3.9.4')).toBe('');
  });

  it('only a file with signs of both charts gets the mixed note, naming both key sets', () => {
    const file = { ...withKey('secrets.keysEncryption'), ...withKey('general.crons') };
    const mixed = { ...file, ...withKey('ingress_clients') };
    expect(mixedProfileNote(detectChartProfile(mixed))?.message).toContain(
      'mixes keys of chart 3.9.4 (ingress_clients) and chart 3.50 (general.crons, secrets.keysEncryption)',
    );
    expect(mixedProfileNote(detectChartProfile(file))).toBeNull();
    expect(mixedProfileNote(detectChartProfile(withKey('ingress_clients')))).toBeNull();
  });

  it('import makes a 3.50 plan of a 3.50 file, saying why, and notes a mixed one first', () => {
    const r = importValues(defaults350);
    expect(r.answers.chart).toBe('3.50.0');
    expect(r.notes[0]?.message).toMatch(
      /^Read as a file for Lightrun's chart 3\.50 \(it sets general\.nameOverride, .*\): the plan is for chart 3\.50\.0\.$/,
    );
    const mixed = importValues({ ...withKey('ingress_clients'), ...withKey('general.crons') });
    expect(mixed.notes[0]?.message).toMatch(/^This file mixes keys/);
    expect(mixed.unknown.map((u) => u.path.join('.'))).toContain('general.crons');
    const plain = importValues(withKey('ingress_clients'));
    expect(plain.answers.chart).toBe('3.9.4');
    expect(importValues({}).answers.chart).toBe('3.9.4');
    expect(plain.notes.some((n) => n.message.includes('chart 3.50'))).toBe(false);
  });

  it("check judges a 3.50 file by 3.50's rules, and a mixed file by 3.9.4's", () => {
    const findings = checkValues([defaults350]);
    // the vendor's defaults: every key known, the secrets to fill in, the queue's credentials (T1)
    expect(findings.filter((f) => f.message.includes('no such key'))).toEqual([]);
    expect(findings.every((f) => /^(secrets|certificate)\./.test(f.path))).toBe(true);
    expect(findings.map((f) => f.path)).toContain('secrets.mq.password');
    const mixed = checkValues([{ ...withKey('ingress_clients'), ...withKey('general.crons') }]);
    expect(mixed[0]?.message).toMatch(/^This file mixes keys/);
    expect(mixed.some((f) => f.message.startsWith('Chart 3.9.4 has no such key'))).toBe(true);
    expect(checkValues([defaults394]).some((f) => f.message.includes('chart 3.50'))).toBe(false);
  });
});
