import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { valuesSchema } from '../../lib/values/values-schema';
import { deepMerge } from '../../lib/values/tree';
import { ARTEFACT_GROUPS, generateAll, root } from './generate';

describe('generated artefacts', () => {
  // values.schema.json, chart-defaults.json, docs/answers.md and the examples' values come from one
  // source each; a hand edit or a forgotten `npm run gen` fails here.
  // Each group is made inside its test (not while the file loads), so a bug planted in a source
  // (a mutation run) changes what the test compares.
  it.each(ARTEFACT_GROUPS.map((g) => [g.name, g] as const))(
    '%s: every file is up to date (npm run gen)',
    (_, g) => {
      const made = g.make();
      expect(made.length).toBeGreaterThan(0);
      for (const { file, content } of made) {
        const abs = path.join(root, file);
        expect(existsSync(abs), `${file} is missing: run npm run gen`).toBe(true);
        expect(readFileSync(abs, 'utf8'), `${file} is stale: run npm run gen`).toBe(content);
      }
    },
  );

  it('npm run gen writes every group', () => {
    expect(generateAll().map((a) => a.file)).toEqual(
      expect.arrayContaining([
        'chart/values.schema.json',
        'deploy/lightrun-wizard.yaml',
        'deploy/lightrun-wizard-network.yaml',
        'docs/answers.md',
      ]),
    );
  });

  it('the values schema accepts the chart defaults (Helm validates the merged values)', () => {
    const defaults = parse(readFileSync(path.join(root, 'chart', 'values.yaml'), 'utf8'), {
      version: '1.1',
    });
    const r = valuesSchema.safeParse(defaults);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('the values schema rejects what the chart would misread', () => {
    const defaults = parse(readFileSync(path.join(root, 'chart', 'values.yaml'), 'utf8'), {
      version: '1.1',
    });
    const bad = deepMerge(defaults, {
      general: { db_local: 'false', lightrun_endpoint: 'https://x.example.com' },
      deployments: { backend: { resources: { memory: '7.5Gi' } } },
    });
    const r = valuesSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'deployments.backend.resources.memory',
      'general.db_local',
      'general.lightrun_endpoint',
    ]);
  });
});
