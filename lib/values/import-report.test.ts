import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIGHTRUN_VERSION } from '../answers/constants';
import { importYaml } from './import';
import { valuesChanges } from './import-report';
import { CHART_DEFAULTS, renderValues } from './render';

const VENDOR = readFileSync(
  new URL('../../../shared/reference/lightrun-chart-3.9.4-values.yaml', import.meta.url),
  'utf8',
);

describe('import of the vendor default values.yaml', () => {
  it('lists nothing as kept, nothing unknown and no conversion (every key equals the chart default)', () => {
    const r = importYaml(VENDOR);
    expect([r.kept, r.unknown, r.notes]).toEqual([[], [], []]);
  });
});

describe('kept keys: only what differs from the chart defaults; unknown keys apart', () => {
  it.each([
    ['a default value restated', 'general:\n  tolerations: []\n', [], []],
    [
      'a changed unmodelled value',
      'general:\n  tolerations: [{key: a}]\n',
      [['general', 'tolerations']],
      [],
    ],
    [
      'an open map (labels) takes any key',
      'deployments:\n  backend:\n    podLabels: {team: x}\n',
      [['deployments', 'backend', 'podLabels', 'team']],
      [],
    ],
    [
      'a typo next to a real key',
      'general:\n  db_loacl: false\n',
      [],
      [{ path: ['general', 'db_loacl'], suggestion: 'db_local' }],
    ],
    [
      'an unknown top-level key with no near key (beside a known one)',
      'general: {}\nzzzzzzzz: 1\n',
      [],
      [{ path: ['zzzzzzzz'] }],
    ],
    [
      'an unknown nested key',
      'deployments:\n  backend:\n    replcas: 2\n',
      [],
      [{ path: ['deployments', 'backend', 'replcas'], suggestion: 'replicas' }],
    ],
  ])('%s', (_n, text, kept, unknown) => {
    const r = importYaml(text);
    expect(r.kept).toEqual(kept);
    expect(r.unknown).toEqual(unknown);
  });
});

describe('YAML 1.1 conversions always get a note', () => {
  it.each([
    [
      'yes',
      'general:\n  statefulset:\n    storageClassName: yes\n',
      'general.statefulset.storageClassName',
      'Helm reads yes as the boolean true, not the text "yes"; the wizard reads it as Helm does. Quote it ("yes") if you meant the text.',
    ],
    [
      '0123',
      'general:\n  statefulset:\n    storageSize: 0123\n',
      'general.statefulset.storageSize',
      'Helm reads 0123 as the number 83, not 123; the wizard reads it as Helm does. Quote it ("0123") if you meant the text.',
    ],
    [
      '1_000',
      'general:\n  name: 1_000\n',
      'general.name',
      'Helm reads 1_000 as the number 1000, not the text "1_000"; the wizard reads it as Helm does. Quote it ("1_000") if you meant the text.',
    ],
    [
      'Off in a list',
      'general:\n  tolerations: [Off]\n',
      'general.tolerations.0',
      'Helm reads Off as the boolean false, not the text "Off"; the wizard reads it as Helm does. Quote it ("Off") if you meant the text.',
    ],
  ])('%s', (_n, text, path, message) => {
    expect(importYaml(text).notes.filter((n) => n.path === path)).toEqual([{ path, message }]);
  });
  it.each([
    ['~ is null in both', 'general:\n  name: ~\n'],
    ['"yes" quoted', 'general:\n  name: "yes"\n'],
    ['plain 123 reads the same in 1.1 and 1.2', 'general:\n  name: 123\n'],
    ['true', 'general:\n  openshift: true\n'],
  ])('no note: %s', (_n, text) => {
    expect(importYaml(text).notes.filter((n) => /YAML 1\.1/.test(n.message))).toEqual([]);
  });
});

describe('valuesChanges: what the wizard changed after an import', () => {
  it('shows filled image tags, a quoted "false" made real and converted text, as Helm sees them', () => {
    const r = importYaml(
      'general:\n  lightrun_endpoint: x.example.com\n  router:\n    enabled: false\n  mq:\n    enabled: "false"\n  statefulset:\n    storageClassName: yes\n',
    );
    r.answers.general.lightrunVersion = LIGHTRUN_VERSION; // the admin fills in the empty tag the file had
    const changes = valuesChanges(r.original, renderValues(r.answers).values, CHART_DEFAULTS);
    const byPath = Object.fromEntries(changes.map((c) => [c.path.join('.'), [c.before, c.after]]));
    expect(byPath['deployments.backend.image.tag']).toEqual(['', '1.50.1-release.ef66f0e08e']);
    expect(byPath['general.mq.enabled']).toEqual(['false', true]);
    expect(byPath['general.statefulset.storageClassName']).toEqual([true, 'true']);
    expect(byPath['general.lightrun_endpoint']).toBeUndefined();
  });
  it('is empty when nothing changed', () => {
    const r = importYaml('general:\n  lightrun_endpoint: x.example.com\n');
    const rendered = renderValues(r.answers).values;
    expect(valuesChanges(rendered, rendered, CHART_DEFAULTS)).toEqual([]);
  });
});
