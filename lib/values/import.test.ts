import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersSchema, answersShapeSchema } from '../answers';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { importValues, importYaml } from './import';
import { CHART_DEFAULTS, renderValues, renderYaml } from './render';
import { deepMerge, getPath } from './tree';
import { parseValuesYaml } from './to-yaml';

const REFERENCE = readFileSync(
  new URL('../../../shared/reference/lightrun-chart-3.9.4-values.yaml', import.meta.url),
  'utf8',
);

describe('import of the vendor chart 3.9.4 values file', () => {
  it('import -> render full reproduces the same values tree', () => {
    const ref = parseValuesYaml(REFERENCE);
    const { answers } = importYaml(REFERENCE);
    expect(renderValues(answers, { full: true }).values).toEqual(deepMerge(CHART_DEFAULTS, ref));
  });

  it('recognises the 3.9.4 defaults for what they are: router mode, empty tags, empty pull secret', () => {
    const { answers } = importYaml(REFERENCE);
    expect(answers.externalAccess).toEqual({
      mode: 'router',
      service: 'ingress',
      className: 'nginx',
      tls: false,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
    });
    expect(answers.general.lightrunVersion).toBe('');
    expect(answers.pullSecret).toEqual({ mode: 'inline', configContent: '' });
    // ...and validation says what to fix instead of the import guessing.
    const r = answersSchema.safeParse(answers);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('general.lightrunVersion');
  });
});

describe('import builds the answers shape', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const files = [
    ['chart 3.9.4 values.yaml', REFERENCE],
    ...readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .flatMap((d) =>
        readdirSync(new URL(`${d}/`, dir))
          .filter((f) => f.endsWith('.yaml') && !f.startsWith('answers'))
          .map((f) => [`${d}/${f}`, readFileSync(new URL(`${d}/${f}`, dir), 'utf8')]),
      ),
  ];
  // Values may be invalid (validation says so); keys, types and branches must fit the schema.
  it.each(files)('%s', (_name, text) => {
    const r = answersShapeSchema.safeParse(importYaml(text).answers);
    const structural = r.success
      ? []
      : r.error.issues.filter((i) =>
          ['unrecognized_keys', 'invalid_type', 'invalid_union'].includes(i.code),
        );
    expect(structural).toEqual([]);
  });
});

describe('importValues', () => {
  it('keeps every key it does not model, verbatim, and renders it back', () => {
    const user = {
      general: {
        lightrun_endpoint: 'a.example.com',
        deployment_type: 'on-prem',
        data_streamer: { enabled: true },
      },
      deployments: {
        backend: { extraEnvs: [{ name: 'X', value: 'y' }], podLabels: { team: 'obs' } },
      },
      somethingNew: { deep: { list: [1, 2, { a: null }] } },
    };
    const { answers, kept, unknown } = importValues(user);
    // deployment_type equals the chart default: not listed; somethingNew is not a 3.9.4 key at all.
    expect(kept).toEqual([
      ['general', 'data_streamer', 'enabled'],
      ['deployments', 'backend', 'extraEnvs'],
      ['deployments', 'backend', 'podLabels', 'team'],
    ]);
    expect(unknown).toEqual([{ path: ['somethingNew'] }]);
    expect(answers.passthrough).toEqual({
      general: { deployment_type: 'on-prem', data_streamer: { enabled: true } },
      deployments: {
        backend: { extraEnvs: [{ name: 'X', value: 'y' }], podLabels: { team: 'obs' } },
      },
      somethingNew: { deep: { list: [1, 2, { a: null }] } },
    });
    const out = renderValues(answers).values;
    expect(getPath(out, ['somethingNew'])).toEqual(user.somethingNew);
    expect(getPath(out, ['deployments', 'backend', 'extraEnvs'])).toEqual(
      user.deployments.backend.extraEnvs,
    );
    expect(getPath(out, ['general', 'data_streamer', 'enabled'])).toBe(true);
  });

  it('keeps keys of a branch that is not chosen (db_endpoint with a local database)', () => {
    const { answers } = importValues({ general: { db_local: true, db_endpoint: 'old.db.corp' } });
    expect(answers.database.mode).toBe('local');
    expect(getPath(renderValues(answers).values, ['general', 'db_endpoint'])).toBe('old.db.corp');
  });

  it('leaves secret values of a file that keeps its secrets outside the chart unread, and keeps them', () => {
    const user = {
      general: { deploy_secrets: { enabled: false } },
      secrets: { db: { user: 'u', password: 'p' }, license: { content: 'c' } },
    };
    const { answers } = importValues(user);
    expect(answers.database.user).toBe('');
    expect(answers.license.content).toBe('');
    expect(answers.passthrough.secrets).toEqual(user.secrets);
    expect(getPath(renderValues(answers).values, ['secrets', 'db', 'password'])).toBe('p');
  });

  it('reads booleans the way the chart does and says so (G2)', () => {
    const { answers, notes } = importValues({ general: { db_local: 'false' } });
    expect(answers.database.mode).toBe('local');
    expect(notes.map((n) => n.path)).toContain('general.db_local');
  });

  it('reads YAML 1.1 scalars as Helm does', () => {
    const { answers } = importYaml('general:\n  db_local: no\n  db_endpoint: db.corp\n');
    expect(answers.database).toMatchObject({ mode: 'external', endpoint: 'db.corp' });
  });

  it('decodes the base64 certificate back to PEM and detects the modes', () => {
    const a = validAnswers();
    const text = renderYaml(a).values;
    const back = importYaml(text).answers;
    expect(back.certificate).toEqual(a.certificate);
    expect(back.externalAccess).toEqual(a.externalAccess);
  });

  it('converts the bare deploy_secrets boolean to the object form, with a note', () => {
    const { answers, notes } = importValues({ general: { deploy_secrets: false } });
    expect(answers.secrets.mode).toBe('existing');
    expect(notes.some((n) => n.path === 'general.deploy_secrets')).toBe(true);
    expect(getPath(renderValues(answers).values, ['general', 'deploy_secrets'])).toEqual({
      enabled: false,
    });
    expect(
      getPath(renderValues(answers, { full: true }).values, ['general', 'deploy_secrets']),
    ).toEqual({
      enabled: false,
      existing_secrets: { backend: '', keycloak: '', api_keys_encryption: '' },
    });
  });

  it('refuses a file that is not a map, naming the problem', () => {
    expect(() => importYaml('- a\n- b\n')).toThrow(/top level must be a map/);
    expect(() => importYaml('general: [\n')).toThrow(/not valid YAML/);
    // Where, never the parser's message (its first line can quote the file, which may hold secrets).
    expect(() => importYaml('a: [')).toThrow(
      /^The file is not valid YAML at line 1, column 5 \(BAD_INDENT\)\.$/,
    );
    expect(() => importYaml('a: 1\na: 2\n')).toThrow(/not valid YAML/);
  });
});
