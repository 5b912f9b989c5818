// The External Secrets stand-in of the Flux runs (eso-standin.ts) does what ESO does with the forms
// the export writes, and refuses what it does not know, so a changed export fails the cluster run
// instead of being rendered wrongly.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { esoSecret } from './eso-standin';
import type { Obj } from './flux-release';

const es = (target: Record<string, unknown>, data: [string, string][]): Obj => ({
  kind: 'ExternalSecret',
  metadata: { name: 'x' },
  spec: {
    target: { name: 'out', ...target },
    data: data.map(([secretKey, key]) => ({ secretKey, remoteRef: { key } })),
  },
});

describe('esoSecret', () => {
  const store = { 'p/pw': 'a,b: "c" #d', 'p/user': 'lightrun' };

  it('no template: each secretKey gets its store value', () => {
    const got = esoSecret(es({}, [['PW', 'p/pw']]), store);
    expect(got).toEqual({ name: 'out', data: { PW: 'a,b: "c" #d' } });
  });

  it('a v2 template with index | toJson: the value as a YAML-safe JSON string', () => {
    const tpl = {
      engineVersion: 'v2',
      data: { 'values.yaml': 'pw: {{ index . "a.pw" | toJson }}\n' },
    };
    const got = esoSecret(es({ template: tpl }, [['a.pw', 'p/pw']]), store);
    expect(Object.keys(got.data)).toEqual(['values.yaml']); // Replace: only the template's keys
    expect(parse(got.data['values.yaml']!)).toEqual({ pw: 'a,b: "c" #d' });
  });

  it('mergePolicy Merge: the fixed template keys beside the fetched ones', () => {
    const tpl = { engineVersion: 'v2', mergePolicy: 'Merge', data: { KEYCLOAK_USER: 'admin' } };
    const got = esoSecret(es({ template: tpl }, [['DB_USER', 'p/user']]), store);
    expect(got.data).toEqual({ DB_USER: 'lightrun', KEYCLOAK_USER: 'admin' });
  });

  it('refuses a key the store lacks, a template key not fetched, an unknown action', () => {
    expect(() => esoSecret(es({}, [['X', 'p/none']]), store)).toThrow(/no key p\/none/);
    const reads = (t: string) => ({ template: { engineVersion: 'v2', data: { k: t } } });
    const fetched: [string, string][] = [['a', 'p/pw']];
    expect(() => esoSecret(es(reads('{{ index . "b" | toJson }}'), fetched), store)).toThrow(
      /does not fetch/,
    );
    expect(() => esoSecret(es(reads('{{ .a | b64enc }}'), fetched), store)).toThrow(
      /does not know/,
    );
  });
});
