// A chart 3.50 values file imports as a 3.50 plan (lib/values/import-350.ts): every example's own
// 3.50 file comes back unchanged from the plan it imports as, the smallest 3.50 file of
// docs/chart-3.50.md §12 and the vendor's defaults become plans, and every key the plan would
// give another value is a note naming it (a secret's value never shown).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answers350, examples } from './__fixtures__/examples-350';
import { validateAnswers } from '../answers';
import { importValues } from './import';
import { changedMessage, differences } from './import-350';
import { renderValues, renderYaml } from './render';
import chartDefaults350 from './chart-defaults-350.json';
import { deepEqual, deepMerge, getPath, type Tree } from './tree';
import { readValuesFile } from './values-file';

const D350 = chartDefaults350 as Tree;
const all = examples();
const fileOf = (name: string): Tree => {
  const e = all.find((x) => x.name === name)!;
  const r = renderYaml(answers350(e), { splitSecrets: e.splitSecrets });
  return deepMerge(parse(r.values) as Tree, (parse(r.secrets ?? '{}') ?? {}) as Tree) as Tree;
};
const MINIMAL = readValuesFile(
  readFileSync(
    path.resolve(__dirname, '../../test/chart/fixtures/chart-3.50/minimal.yaml'),
    'utf8',
  ),
).values as Tree;
const KEY = 'UHAQfP+tkn/kCax6InSSrYvP5eW+pD1JTTC/6KxDTz8=';
const changed = (r: ReturnType<typeof importValues>) =>
  r.notes.filter((n) => n.message.startsWith("The plan's file gives this key")).map((n) => n.path);
/** The file chart 3.50 would use, and the one the imported plan renders, over 3.50's defaults. */
const sameEffect = (file: Tree) => {
  const r = importValues(file);
  return deepEqual(deepMerge(D350, file), deepMerge(D350, renderValues(r.answers).values));
};

describe('import of a chart 3.50 file', () => {
  it.each(all.map((e) => [e.name]))('%s: the plan of its 3.50 file gives the file back', (name) => {
    const file = fileOf(name);
    const r = importValues(file);
    expect(r.answers.chart).toBe('3.50.0');
    // the first 3.50-only key the file sets is the evidence (the key, or the artifacts Secret)
    expect(r.notes[0]?.message).toMatch(/^Read as a file for Lightrun's chart 3\.50 /);
    expect(['secrets.keysEncryption', 'general.internal_tls']).toContain(
      r.notes[0]?.path.split('.').slice(0, 2).join('.'),
    );
    expect(changed(r)).toEqual([]);
    expect(r.unknown).toEqual([]);
    // the key is the plan's answer, not a kept key of the file
    expect(r.kept.filter((k) => k[1] === 'keysEncryption')).toEqual([]);
    expect(sameEffect(file)).toBe(true);
    expect(r.original).toBe(file);
  });

  it('the encryption key in the file is the plan’s key; with the chart Secrets only', () => {
    const file = deepMerge(MINIMAL, {
      secrets: { keysEncryption: { userEncryptionKey: KEY } },
    }) as Tree;
    const s = importValues(file).answers.secrets;
    expect(s.mode === 'chart' && s.encryptionKey).toBe(KEY);
    const outside = deepMerge(file, { general: { deploy_secrets: { enabled: false } } });
    const r = importValues(outside);
    expect(r.answers.secrets.mode).not.toBe('chart');
    const about = r.notes.filter((n) => n.path === 'secrets.keysEncryption.userEncryptionKey');
    expect(about.map((n) => n.message)).toEqual([
      'With the Secrets made outside the chart the key belongs in your backend Secret as encryption-key-0 (docs/chart-3.50.md §9): the plan does not write it.',
    ]);
    expect(JSON.stringify(r.notes)).not.toContain(KEY);
    const empty = deepMerge(outside, { secrets: { keysEncryption: { userEncryptionKey: '' } } });
    expect(importValues(empty).notes.some((n) => n.path.includes('userEncryptionKey'))).toBe(false);
  });

  it('the smallest 3.50 file: the queue on with its credentials, the backend at 3.50’s 6Gi', () => {
    const r = importValues(MINIMAL);
    expect(r.answers.messageQueue.mode).toBe('local');
    expect(changed(r)).toEqual([]);
    expect(sameEffect(MINIMAL)).toBe(true);
    const v = renderValues(r.answers).values as Tree;
    expect(deepMerge(D350, v)).toMatchObject({
      general: { mq: { enabled: true, local: true } },
      deployments: { backend: { resources: { memory: '6Gi' } } },
    });
    // the queue keeps 3.50's own emptyDir: no size from chart 3.9.4's claim default
    expect(getPath(v, ['deployments', 'rabbitmq', 'emptyDir'])).toBeUndefined();
  });

  it('a queue the file turns off stays off; its own backend memory stays', () => {
    const file = deepMerge(MINIMAL, {
      general: { mq: { enabled: false } },
      deployments: { backend: { resources: { memory: '8Gi' } } },
    }) as Tree;
    const r = importValues(file);
    expect(r.answers.messageQueue.mode).not.toBe('local');
    expect(changed(r)).toEqual([]);
    expect(sameEffect(file)).toBe(true);
  });

  it('an external broker stays external, with nothing of a local queue', () => {
    const file = deepMerge(MINIMAL, {
      general: { mq: { local: false, mq_endpoint: 'rabbit.example.com' } },
    }) as Tree;
    const r = importValues(file);
    expect(r.answers.messageQueue.mode).toBe('external');
    expect(changed(r)).toEqual([]);
    expect(sameEffect(file)).toBe(true);
    expect(getPath(renderValues(r.answers).values, ['general', 'mq', 'storage'])).toBeUndefined();
  });

  it('rotateKey: true is named once, as the one-off it must be', () => {
    const r = importValues(
      deepMerge(MINIMAL, { secrets: { keysEncryption: { rotateKey: true } } }),
    );
    const about = r.notes.filter((n) => n.path === 'secrets.keysEncryption.rotateKey');
    expect(about).toHaveLength(1);
    expect(about[0]!.message).toMatch(
      /^rotateKey: true adds a new encryption key on every upgrade/,
    );
    expect(importValues(MINIMAL).notes.some((n) => n.path.includes('rotateKey'))).toBe(false);
  });

  it('a value the plan would change is a note naming the key, with both values unless secret', () => {
    const r = importValues(
      deepMerge(MINIMAL, {
        general: { mq: { policy: { queue_regex_pattern: '^mixpanel-events.*' } } },
      }),
    );
    const n = r.notes.find((x) => x.path === 'general.mq.policy.queue_regex_pattern');
    expect(n?.message).toContain('(the file: "^mixpanel-events.*"; the plan: "^.*-events.*")');
    expect(changed(importValues(MINIMAL))).toEqual([]);
  });

  it('3.50-only keys are kept, and a key neither chart has is unknown to 3.50', () => {
    const r = importValues(
      deepMerge(MINIMAL, {
        general: { crons: { enabled: false } },
        deployments: { artifacts: { replicas: 2 } },
        bogus: 1,
      }),
    );
    const kept = r.kept.map((k) => k.join('.'));
    expect(kept).toEqual(expect.arrayContaining(['deployments.artifacts.replicas']));
    // crons is an answer of its own now (lib/values/workloads-350.test.ts), not a kept key
    expect(r.answers.workloads?.crons).toBe(false);
    expect(kept).not.toContain('general.crons.enabled');
    expect(r.unknown.map((u) => u.path.join('.'))).toEqual(['bogus']);
  });

  it('images from one mirror stay one private registry, the images 3.50 removed included', () => {
    const r = importValues(fileOf('air-gapped'));
    expect(r.answers.registry).toMatchObject({ mode: 'private' });
    expect(r.notes.some((n) => n.message.includes('do not all point to one mirror'))).toBe(false);
    expect(importValues(fileOf('quick-default')).answers.registry.mode).toBe('public');
  });

  it('a key the plan drops is named with "nothing" for its new value', () => {
    const r = importValues(
      deepMerge(MINIMAL, { general: { mq: { queue_name: 'mixpanel-events-x' } } }),
    );
    const n = r.notes.find((x) => x.path === 'general.mq.queue_name');
    expect(n?.message).toContain('(the file: "mixpanel-events-x"; the plan: nothing)');
  });
});

describe('the comparison behind the notes', () => {
  it('names each leaf that differs, a map against a scalar included, lists whole', () => {
    expect(differences({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } })).toEqual([['b', 'c']]);
    expect(differences({ a: { b: 1 } }, { a: 5 })).toEqual([['a']]);
    expect(differences({ a: 5 }, { a: { b: 1 } })).toEqual([['a']]);
    expect(differences({ l: [1, 2] }, { l: [1, 2] })).toEqual([]);
    expect(differences({ l: [1, 2] }, { l: [2, 1] })).toEqual([['l']]);
    expect(differences({}, { n: 1 })).toEqual([['n']]);
  });

  it("shows both values of a setting, never a secret's, and cuts a long one at 80", () => {
    expect(changedMessage(['general', 'name'], 'a', 'b')).toContain(
      '(the file: "a"; the plan: "b")',
    );
    const secret = changedMessage(['secrets', 'db', 'password'], 'pw-1', 'pw-2');
    expect(secret).not.toContain('pw-');
    expect(secret).toMatch(/^The plan's file gives this key another value than the imported one: /);
    const long = changedMessage(['general', 'name'], 'x'.repeat(200), 'y');
    expect(long).toContain(`(the file: "${'x'.repeat(79)}; the plan: "y")`);
  });
});

describe('chart 3.50 only answers in an imported file (docs/chart-3.50.md §4)', () => {
  const CA = readFileSync(path.resolve(__dirname, '../../e2e/fixtures/ldap-ca.crt'), 'utf8');
  const SC = { content: btoa('{"features":{"x":true}}'), signature: btoa('signature') };

  it.each([
    [
      'a pasted CA',
      { secrets: { customCa: { customCaCertificate: btoa(CA) } } },
      { customCa: { mode: 'inline', pem: CA } },
    ],
    [
      'an existing CA Secret',
      { secrets: { customCa: { existingCaSecret: 'ldap-ca' } } },
      { customCa: { mode: 'existing', secretName: 'ldap-ca' } },
    ],
    ['the system configuration', { general: { system_config: SC } }, { systemConfig: SC }],
    [
      'one part of it (refused by validation, still given back)',
      { general: { system_config: { content: SC.content } } },
      { systemConfig: { content: SC.content, signature: '' } },
    ],
  ])('%s: becomes the answer and renders back the same, nothing kept twice', (_w, keys, answer) => {
    const file = deepMerge(MINIMAL, keys) as Tree;
    const r = importValues(file);
    expect(r.answers).toMatchObject(answer);
    expect(changed(r)).toEqual([]);
    expect(sameEffect(file)).toBe(true);
    expect(r.kept.map((k) => k.join('.')).filter((k) => /customCa|system_config/.test(k))).toEqual(
      [],
    );
    expect(JSON.stringify(r.answers.passthrough)).not.toMatch(/customCa|system_config/);
  });

  it('both CA keys (F1): the certificate is kept and a note names the Secret dropped', () => {
    const file = deepMerge(MINIMAL, {
      secrets: { customCa: { customCaCertificate: btoa(CA), existingCaSecret: 'ldap-ca' } },
    }) as Tree;
    const r = importValues(file);
    expect(r.answers.customCa).toEqual({ mode: 'inline', pem: CA });
    expect(r.notes.map((n) => n.message).join('\n')).toMatch(
      /both customCaCertificate and existingCaSecret.*F1.*"ldap-ca"/,
    );
  });

  describe('the artifacts pod’s internal TLS Secret (T6)', () => {
    const tlsFile = (certs: Record<string, string>, enabled = true) =>
      deepMerge(MINIMAL, {
        general: {
          internal_tls: {
            enabled,
            certificates: {
              source: 'existing_certificates',
              verification: false,
              existing_ca_secret_name: '',
              existing_certificates: {
                frontend: 'tls',
                keycloak: 'tls',
                keycloak_cluster: '',
                redis: 'tls',
                rabbitmq: 'tls',
                ...certs,
              },
            },
          },
        },
      }) as Tree;
    const ARTIFACTS = 'general.internal_tls.certificates.existing_certificates.artifacts';
    const AT_ANSWER = 'internalTls.certificates.artifacts';
    const paths = (a: unknown) => {
      const v = validateAnswers(a);
      return v.success ? [] : v.issues.map((i) => i.path.join('.'));
    };

    it('named: the answer beside the other components’, rendered back the same', () => {
      const file = tlsFile({ artifacts: 'art-tls' });
      const r = importValues(file);
      expect(r.answers.internalTls).toMatchObject({
        mode: 'existing',
        certificates: { frontend: 'tls', artifacts: 'art-tls' },
      });
      expect(changed(r)).toEqual([]);
      expect(sameEffect(file)).toBe(true);
      expect(r.kept.map((k) => k.join('.'))).not.toContain(ARTIFACTS);
      expect(paths(r.answers)).not.toContain(AT_ANSWER);
    });

    it('missing, as in every 3.9.4 file: the plan says so at the field', () => {
      const r = importValues(tlsFile({}));
      expect(r.answers.internalTls).toMatchObject({ certificates: { artifacts: '' } });
      expect(paths(r.answers)).toContain(AT_ANSWER);
    });

    it('named while internal TLS is off: the plan drops it, and a note names the key', () => {
      const r = importValues(tlsFile({ artifacts: 'art-tls' }, false));
      expect(r.answers.internalTls).toEqual({ mode: 'off' });
      expect(changed(r)).toContain(ARTIFACTS);
    });
  });

  it('empty keys, as the vendor’s values.yaml has them, answer nothing', () => {
    const file = deepMerge(MINIMAL, {
      secrets: { customCa: { customCaCertificate: '', existingCaSecret: '' } },
      general: { system_config: { content: '', signature: '' } },
    }) as Tree;
    const r = importValues(file);
    expect(r.answers.customCa).toBeUndefined();
    expect(r.answers.systemConfig).toBeUndefined();
    expect(changed(r)).toEqual([]);
  });
});
