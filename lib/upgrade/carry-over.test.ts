import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import chartDefaults394 from '../values/chart-defaults.json';
import { clone, getPath, setPath, type Tree } from '../values/tree';
import { mustStayIdentical, translateTo350 } from '.';
import { WHY } from './carry-over';
import { RELEASES_394, U1, U3 } from './__fixtures__/releases';

const KEYS = Object.keys(WHY);

describe('mustStayIdentical (docs/chart-3.50.md §13.4 step 3)', () => {
  it('names exactly the keys of step 3', () => {
    expect(KEYS.sort()).toEqual(
      [
        'general.statefulset.pvc_name',
        'general.statefulset.storageClassName',
        'general.statefulset.storageSize',
        'secrets.db.user',
        'secrets.db.password',
        'secrets.keycloak.password',
        'certificate.tls.crt',
        'certificate.tls.key',
        'certificate.existing_cert',
        'secrets.license.content',
        'secrets.license.signature',
        'general.db_database',
        'general.db_local',
        'general.db_endpoint',
        'general.lightrun_endpoint',
        'secrets.defaults.keystore_password',
      ].sort(),
    );
  });

  it.each(Object.entries(RELEASES_394))('%s: the translation keeps every one', (_n, v) => {
    expect(mustStayIdentical(v, translateTo350(v).values)).toEqual([]);
  });

  it.each(KEYS)('%s changed: one problem, naming the key and not the value', (key) => {
    const after = clone(translateTo350(U3).values);
    setPath(after, key.split('.'), 'Changed-Value-42');
    const problems = mustStayIdentical(U3, after);
    expect(problems.map((p) => p.key)).toEqual([key]);
    expect(problems[0]!.why).toContain(key);
    expect(problems[0]!.why).toContain('Put back');
    expect(problems[0]!.why).not.toContain('Changed-Value-42');
    expect(problems[0]!.why).not.toContain(String(getPath(U3, key.split('.')) ?? '\u0000'));
  });

  it('a key left to the default on one side and written as the default on the other is the same', () => {
    const before: Tree = { general: { statefulset: {} } };
    const after: Tree = {
      general: { statefulset: { storageClassName: 'gp2', storageSize: '100Gi', pvc_name: '' } },
    };
    expect(mustStayIdentical(before, after)).toEqual([]);
    setPath(after, ['general', 'statefulset', 'storageSize'], '200Gi');
    expect(mustStayIdentical(before, after).map((p) => p.key)).toEqual([
      'general.statefulset.storageSize',
    ]);
  });

  it('a key removed in the 3.50 values falls back to the default and is caught', () => {
    const after = clone(translateTo350(U1).values);
    delete (after.secrets as Tree).db;
    expect(mustStayIdentical(U1, after).map((p) => p.key)).toEqual([
      'secrets.db.user',
      'secrets.db.password',
    ]);
  });

  it('chart 3.50 gives every one of these keys the default chart 3.9.4 gives it', () => {
    const v350 = parse(
      readFileSync(path.resolve(__dirname, '..', '..', 'chart-3.50', 'values.yaml'), 'utf8'),
    );
    for (const k of KEYS)
      expect(getPath(v350, k.split('.')), k).toEqual(getPath(chartDefaults394, k.split('.')));
  });
});
