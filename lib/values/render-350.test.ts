import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { ENCRYPTION_KEY_PATTERN } from '../answers/encryption-key';
import { validateAnswers, type Answers } from '../answers';
import { answers350, examples, EXAMPLES_DIR } from './__fixtures__/examples-350';
import { detectChartProfile, ONLY_394 } from './chart-profile';
import { checkValues } from './check';
import { CHART_DEFAULTS_350, renderValues, renderYaml, SECRET_MASK } from './render';
import { deepMerge, getPath, hasPath, leafPaths, type Tree } from './tree';

// A chart 3.50 render (docs/chart-3.50.md): the 3.9.4 override file translated as §13.2 says,
// plus the encryption key the wizard generated once (§10). Checked on every example; that the
// files also render with the 3.50 chart is test/chart/render-350.test.ts.
const KEY = ['secrets', 'keysEncryption', 'userEncryptionKey'];
const all = examples();
const taken = all;
const merged = (r: { values: string; secrets: string | null }) =>
  deepMerge(parse(r.values) as Tree, (parse(r.secrets ?? '{}') ?? {}) as Tree) as Tree;

describe('every example rendered for chart 3.50', () => {
  it('there are examples, and every one validates for 3.50', () => {
    expect(taken.length).toBeGreaterThanOrEqual(7);
    for (const e of taken) expect(() => answers350(e)).not.toThrow();
  });

  it.each(taken)('$name: no key chart 3.50 removed, and read as a 3.50 file', (e) => {
    const v = merged(renderYaml(answers350(e), { splitSecrets: e.splitSecrets }));
    expect(ONLY_394.filter((p) => hasPath(v, p.split('.')))).toEqual([]);
    expect(detectChartProfile(v).version).toBe('3.50.0');
  });

  it.each(taken)('$name: the header names chart 3.50.0', (e) => {
    const r = renderYaml(answers350(e), { splitSecrets: e.splitSecrets });
    expect(r.values).toMatch(/^# Lightrun Server values for the lightrun chart 3\.50\.0,/);
  });

  it.each(taken)(
    '$name: the key, quoted, the same in two renders; only with the chart Secrets',
    (e) => {
      const a = answers350(e);
      const one = renderYaml(a, { splitSecrets: true });
      expect(renderYaml(a, { splitSecrets: true })).toEqual(one);
      if (a.secrets.mode !== 'chart') {
        expect(JSON.stringify(merged(one))).not.toContain('userEncryptionKey');
        return;
      }
      const key = a.secrets.encryptionKey!;
      expect(key).toMatch(ENCRYPTION_KEY_PATTERN);
      expect(one.secrets).toContain(`    userEncryptionKey: "${key}"\n`);
      expect(one.values).not.toContain(key);
      expect(getPath(merged(one), [...KEY.slice(0, 2), 'rotateKey'])).toBe(false);
    },
  );

  it('internal TLS from existing certificates: the artifacts Secret, written for 3.50 only (T6)', () => {
    const e = all.find((x) => x.name === 'internal-tls-private-ca')!;
    const AT = ['general', 'internal_tls', 'certificates', 'existing_certificates', 'artifacts'];
    expect(getPath(merged(renderYaml(answers350(e))), AT)).toBe('lightrun-internal-tls');
    expect(hasPath(merged(renderYaml(e.answers)), AT)).toBe(false);
    expect(checkValues([merged(renderYaml(answers350(e)))], { chart: '3.50.0' })).toEqual([]);
    const without = structuredClone(e.raw350);
    if (without.internalTls.mode === 'existing') delete without.internalTls.certificates.artifacts;
    const r = validateAnswers(without);
    expect(r.success ? [] : r.issues.map((i) => i.path.join('.'))).toEqual([
      'internalTls.certificates.artifacts',
    ]);
  });
});

describe('the same examples for chart 3.9.4', () => {
  it.each(all)('$name: byte-identical to the committed example, key or not', (e) => {
    const a = structuredClone(e.answers);
    if (a.secrets.mode === 'chart') a.secrets.encryptionKey = 'K'.repeat(43) + '=';
    const r = renderYaml(a, { splitSecrets: e.splitSecrets });
    const file = (f: string) => readFileSync(path.join(EXAMPLES_DIR, e.name, f), 'utf8');
    expect(r.values).toBe(file('values.yaml'));
    if (e.splitSecrets) expect(r.secrets).toBe(file('secrets.yaml'));
    expect(`${r.values}${r.secrets ?? ''}`).not.toContain('keysEncryption');
    expect(`${r.values}${r.secrets ?? ''}`).not.toContain('K'.repeat(43));
  });
});

describe('every example for both charts (examples/<name>/answers-3.50.yaml)', () => {
  const file = (e: { name: string }, f: string) =>
    readFileSync(path.join(EXAMPLES_DIR, e.name, f), 'utf8');
  /** What only a 3.50 plan answers: the chart, the key, the artifacts pod's TLS Secret. */
  const without350 = (a: Answers) => {
    const b = structuredClone(a);
    delete (b as Partial<Answers>).chart;
    if (b.secrets.mode === 'chart') delete b.secrets.encryptionKey;
    if (b.internalTls.mode === 'existing') delete b.internalTls.certificates.artifacts;
    return b;
  };

  it.each(all)('$name: the same install as answers.yaml, but for the 3.50-only answers', (e) => {
    const a = answers350(e);
    expect(a.chart).toBe('3.50.0');
    expect(without350(a)).toEqual(without350(e.answers));
  });

  it.each(all)('$name: its key is in the file, and is the key of the committed values', (e) => {
    const a = answers350(e);
    if (a.secrets.mode !== 'chart')
      return expect(file(e, 'answers-3.50.yaml')).not.toMatch(/encryptionKey/);
    const key = a.secrets.encryptionKey!;
    expect(key).toMatch(ENCRYPTION_KEY_PATTERN);
    expect(file(e, 'answers-3.50.yaml')).toContain(`encryptionKey: "${key}"`);
    expect(file(e, e.splitSecrets ? 'secrets-3.50.yaml' : 'values-3.50.yaml')).toContain(
      `userEncryptionKey: "${key}"`,
    );
  });

  it.each(all)('$name: values-3.50.yaml is what the CLI renders from answers-3.50.yaml', (e) => {
    const r = renderYaml(answers350(e), { splitSecrets: e.splitSecrets });
    expect(r.values).toBe(file(e, 'values-3.50.yaml'));
    if (e.splitSecrets) expect(r.secrets).toBe(file(e, 'secrets-3.50.yaml'));
  });
});

describe('a 3.50 render, split and masked', () => {
  const a = validAnswers();
  a.chart = '3.50.0';
  a.messageQueue = {
    mode: 'local',
    user: 'mq-user-1',
    password: 'mq-pass-1',
    storage: { kind: 'ephemeral' },
    metrics: false,
    serviceAnnotations: [],
  } as unknown as typeof a.messageQueue;
  const key = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = key;

  it('the key and the queue credentials go to secrets.yaml', () => {
    const { values, secrets } = renderValues(a, { splitSecrets: true });
    for (const p of [KEY, ['secrets', 'mq', 'user'], ['secrets', 'mq', 'password']]) {
      expect(getPath(values, p), p.join('.')).toBeUndefined();
      expect(getPath(secrets!, p), p.join('.')).toBeTypeOf('string');
    }
    expect(getPath(secrets!, KEY)).toBe(key);
  });

  it('the key and the queue credentials are masked in a preview', () => {
    const { values } = renderValues(a, { maskSecrets: true });
    for (const p of [KEY, ['secrets', 'mq', 'user'], ['secrets', 'mq', 'password']])
      expect(getPath(values, p), p.join('.')).toBe(SECRET_MASK);
  });

  it('without a key nothing is written for it (the schema requires one: lib/answers)', () => {
    const b = structuredClone(a);
    if (b.secrets.mode === 'chart') b.secrets.encryptionKey = '';
    expect(getPath(renderValues(b).values, KEY)).toBeUndefined();
  });

  it('the complete 3.50 file: chart 3.50 defaults under the override file, nothing of 3.9.4', () => {
    const over = renderValues(a).values;
    const full = renderValues(a, { full: true }).values;
    // A default keeps its place unless the override file sets it or a map above it (a null
    // there removes the chart's map, as helm does: `dockerhub_config: null`).
    const setAbove = (p: string[]) =>
      p.some((_, i) => {
        const v = getPath(over, p.slice(0, i + 1));
        const leaf = i === p.length - 1;
        return v !== undefined && (leaf || v === null || typeof v !== 'object' || Array.isArray(v));
      });
    let kept = 0;
    for (const p of leafPaths(CHART_DEFAULTS_350))
      if (!setAbove(p)) {
        kept++;
        expect(getPath(full, p), p.join('.')).toEqual(getPath(CHART_DEFAULTS_350, p));
      }
    expect(kept).toBeGreaterThan(100);
    for (const p of leafPaths(over))
      if (getPath(over, p) !== undefined)
        expect(getPath(full, p), p.join('.')).toEqual(getPath(over, p));
    expect(getPath(full, KEY)).toBe(key);
    expect(detectChartProfile(full).version).toBe('3.50.0');
    for (const p of ONLY_394) expect(getPath(full, p.split('.')), p).toBeUndefined();
    expect(Object.keys(full)).toEqual(
      Object.keys(CHART_DEFAULTS_350).filter((k) => Object.hasOwn(full, k)),
    );
  });

  it('the complete 3.50 file says so in its header', () => {
    expect(renderYaml(a, { full: true }).values).toMatch(
      /^# Lightrun Server values for the lightrun chart 3\.50\.0,[^\n]*\n# Complete file: chart 3\.50\.0 defaults/,
    );
  });
});

describe('section titles of a 3.50 file', () => {
  it.each(taken)(
    '$name: the router under # External access, the encryption key under # Secrets',
    (e) => {
      const lines = renderYaml(answers350(e)).values.split('\n');
      const titleAbove = (key: string) => {
        const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
        if (i < 0) return null;
        return lines[i - 1]!.trim();
      };
      expect(titleAbove('router')).toBe('# External access');
      const enc = titleAbove('keysEncryption');
      if (enc !== null) expect(enc).toBe('# Secrets');
    },
  );
});

describe('chart 3.50 only: custom CA and system configuration (docs/chart-3.50.md §4)', () => {
  const CA = readFileSync(path.join(__dirname, '../../e2e/fixtures/ldap-ca.crt'), 'utf8');
  const CONTENT = btoa('{"features":{"x":true}}');
  const SIG = btoa('signature');
  const CA_CRT = ['secrets', 'customCa', 'customCaCertificate'];
  const CA_SECRET = ['secrets', 'customCa', 'existingCaSecret'];
  const SC = ['general', 'system_config'];
  const plan = (chart: '3.9.4' | '3.50.0', patch: Partial<ReturnType<typeof validAnswers>>) => {
    const a = { ...validAnswers(), ...patch, chart };
    if (a.secrets.mode === 'chart')
      a.secrets = { ...a.secrets, encryptionKey: 'K'.repeat(43) + '=' };
    return a;
  };
  const all3 = (a: ReturnType<typeof plan>) => {
    const r = renderValues(a, { splitSecrets: true });
    return deepMerge(r.values, r.secrets ?? {}) as Tree;
  };

  it.each([
    ['pasted CA', { customCa: { mode: 'inline', pem: CA } }, CA_CRT, btoa(CA)],
    [
      'existing CA Secret',
      { customCa: { mode: 'existing', secretName: 'ldap-ca' } },
      CA_SECRET,
      'ldap-ca',
    ],
    [
      'system configuration',
      { systemConfig: { content: CONTENT, signature: SIG } },
      SC,
      { content: CONTENT, signature: SIG },
    ],
  ] as const)('%s: written for 3.50, never for 3.9.4', (_what, patch, at, value) => {
    const v = all3(plan('3.50.0', patch as never));
    expect(getPath(v, [...at])).toEqual(value);
    expect(checkValues([v], { chart: '3.50.0' })).toEqual([]); // and `cli check` passes the file
    const v394 = JSON.stringify(all3(plan('3.9.4', patch as never)));
    for (const k of ['customCa', 'system_config']) expect(v394).not.toContain(k);
  });

  it('nothing is written when unanswered, none, or empty', () => {
    for (const patch of [
      {},
      { customCa: { mode: 'none' } },
      { systemConfig: { content: '', signature: '' } },
    ]) {
      const v = all3(plan('3.50.0', patch as never));
      expect(hasPath(v, ['secrets', 'customCa']), JSON.stringify(patch)).toBe(false);
      expect(hasPath(v, SC), JSON.stringify(patch)).toBe(false);
    }
  });

  it('the CA goes with the secrets (docs/chart-3.50.md §9), the Secret name and config do not', () => {
    const ca = renderValues(plan('3.50.0', { customCa: { mode: 'inline', pem: CA } }), {
      splitSecrets: true,
    });
    expect(getPath(ca.secrets!, CA_CRT)).toBe(btoa(CA));
    expect(getPath(ca.values, CA_CRT)).toBeUndefined();
    const named = renderValues(
      plan('3.50.0', { customCa: { mode: 'existing', secretName: 'ldap-ca' } }),
      { splitSecrets: true },
    );
    expect(getPath(named.values, CA_SECRET)).toBe('ldap-ca');
    const sc = renderValues(
      plan('3.50.0', { systemConfig: { content: CONTENT, signature: SIG } }),
      {
        splitSecrets: true,
      },
    );
    expect(getPath(sc.values, SC)).toEqual({ content: CONTENT, signature: SIG });
  });

  it('base64 wrapped over lines is written on one line (the signature goes unquoted into env)', () => {
    const a = plan('3.50.0', {
      systemConfig: {
        content: `${CONTENT.slice(0, 8)}\n${CONTENT.slice(8)}\n`,
        signature: ` ${SIG}\n`,
      },
    });
    expect(getPath(renderValues(a).values, SC)).toEqual({ content: CONTENT, signature: SIG });
  });
});
