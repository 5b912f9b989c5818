import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { branchDefault, completeAnswers } from './branches';
import { defaultAnswers, withGeneratedSecrets } from './defaults';
import { ENCRYPTION_KEY_PATTERN, randomEncryptionKey } from './encryption-key';
import { answersSchema, validateAnswers, type Answers } from './schema';
import { hasAnswersShape } from './shape';

// The chart an answers file is written for (docs/chart-3.50.md), and chart 3.50's encryption key
// (§10: base64 of 32 bytes, 44 characters, `^[A-Za-z0-9+/]{43}=$`).
const b64 = (n: number, byte = 7) => btoa(String.fromCharCode(...new Array<number>(n).fill(byte)));
const KEY = b64(32);

function plan350(key: string | undefined): Answers {
  const a = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = key;
  return a;
}
const issuesAt = (raw: unknown, path: string) => {
  const r = validateAnswers(raw);
  return r.success ? [] : r.issues.filter((i) => i.path.join('.') === path).map((i) => i.message);
};

describe('chart', () => {
  it('is 3.9.4 when a file or a saved plan does not say', () => {
    expect(defaultAnswers().chart).toBe('3.9.4');
    expect((completeAnswers({}) as Answers).chart).toBe('3.9.4');
    const { chart, ...old } = validAnswers();
    expect(chart).toBe('3.9.4');
    expect(answersSchema.parse(old).chart).toBe('3.9.4');
    expect(hasAnswersShape(old)).toBe(true);
  });

  it('takes 3.50.0 and refuses any other version', () => {
    expect(validateAnswers(plan350(KEY)).success).toBe(true);
    for (const v of ['3.50', '3.10.0', '', 3.5]) {
      expect(issuesAt({ ...validAnswers(), chart: v }, 'chart')).toHaveLength(1);
      expect(hasAnswersShape({ ...validAnswers(), chart: v })).toBe(typeof v === 'string');
    }
  });

  it('a saved plan may hold the key, and no other unknown key', () => {
    expect(hasAnswersShape(plan350(KEY))).toBe(true);
    const a = plan350(KEY) as unknown as { secrets: Record<string, unknown> };
    a.secrets.otherKey = 'x';
    expect(hasAnswersShape(a)).toBe(false);
    expect(hasAnswersShape({ ...validAnswers(), charts: '3.9.4' })).toBe(false);
    expect(hasAnswersShape(plan350(3 as unknown as string))).toBe(false);
  });
});

describe('secrets.encryptionKey', () => {
  it.each([
    ['44 characters, 32 bytes', KEY, true],
    ['32 bytes of other values', b64(32, 250), true],
    ['43 characters (the "=" missing)', KEY.slice(0, 43), false],
    ['45 characters', `${KEY}A`, false],
    ['31 bytes (44 characters with "==")', b64(31), false],
    ['33 bytes (44 characters, no "=")', b64(33), false],
    ['not base64 ("-" and "_": base64url)', `${'-_'.repeat(21)}A=`, false],
    ['a space inside', `${KEY.slice(0, 10)} ${KEY.slice(11)}`, false],
    ['32 hex digits (the 3.9.4 AES key)', 'ab'.repeat(16), false],
  ])('%s: valid = %s', (_what, key, ok) => {
    const issues = issuesAt(plan350(key), 'secrets.encryptionKey');
    expect(issues.length === 0).toBe(ok);
    if (!ok) expect(issues.join(' ')).toMatch(/encryption key.*base64 of exactly 32 bytes/);
  });

  it('is required for chart 3.50 with the chart Secrets, naming what to enter', () => {
    for (const key of [undefined, '']) {
      const issues = issuesAt(plan350(key), 'secrets.encryptionKey');
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(/Required for chart 3\.50.*openssl rand -base64 32/);
    }
  });

  it('is not needed for chart 3.9.4, nor with Secrets outside the chart', () => {
    expect(validateAnswers(validAnswers()).success).toBe(true);
    const a = plan350(undefined);
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    a.license = { content: '', signature: '' };
    a.certificate = { source: 'existing', secretName: 'tls' };
    expect(issuesAt(a, 'secrets.encryptionKey')).toEqual([]);
  });

  describe('internal TLS from existing Secrets: the artifacts certificate (T6)', () => {
    const tls = (artifacts?: string): Answers['internalTls'] => ({
      mode: 'existing',
      verification: false,
      caSecretName: '',
      certificates: {
        frontend: 'a',
        keycloak: 'a',
        keycloakCluster: 'a',
        redis: 'a',
        rabbitmq: '',
        ...(artifacts === undefined ? {} : { artifacts }),
      },
    });
    const ARTIFACTS = 'internalTls.certificates.artifacts';
    // behind an ingress (3.9.4) or the router (3.50): internal TLS's own rule is met
    const ROUTER = branchDefault('externalAccess', 'router') as Answers['externalAccess'];
    const plan = (chart: '3.9.4' | '3.50.0', artifacts?: string) => {
      const a = chart === '3.50.0' ? { ...plan350(KEY), externalAccess: ROUTER } : validAnswers();
      return { ...a, internalTls: tls(artifacts) };
    };
    const all = (raw: unknown) => {
      const r = validateAnswers(raw);
      return r.success ? [] : r.issues.map((i) => i.path.join('.'));
    };

    it.each([undefined, ''])(
      'chart 3.50 without it (%j): refused at the field, saying what',
      (v) => {
        const a = plan('3.50.0', v);
        expect(all(a)).toEqual([ARTIFACTS]);
        expect(issuesAt(a, ARTIFACTS)).toEqual([
          expect.stringMatching(
            /^Required for chart 3\.50: name the TLS Secret of the artifacts pod .*T6/,
          ),
        ]);
      },
    );

    it('chart 3.50 with it: valid, and the answers keep their shape', () => {
      expect(all(plan('3.50.0', 'artifacts-tls'))).toEqual([]);
      expect(hasAnswersShape(plan('3.50.0', 'artifacts-tls'))).toBe(true);
      expect(hasAnswersShape(plan('3.50.0', 7 as never))).toBe(false);
      expect(all(plan('3.50.0', 'Not_A_Name'))).toEqual([ARTIFACTS]);
    });

    it('chart 3.9.4 has no artifacts pod: absent or empty is valid, a name is refused', () => {
      expect(all(plan('3.9.4'))).toEqual([]);
      expect(all(plan('3.9.4', ''))).toEqual([]);
      expect(issuesAt(plan('3.9.4', 'artifacts-tls'), ARTIFACTS)).toEqual([
        'Chart 3.9.4 has no artifacts pod: leave this empty, or plan chart 3.50.0 (Endpoint & license).',
      ]);
    });

    it('self-signed needs no name with either chart', () => {
      for (const chart of ['3.9.4', '3.50.0'] as const)
        expect(all({ ...plan(chart), internalTls: { mode: 'self-signed' } })).toEqual([]);
    });
  });
});

describe('the generated key', () => {
  it('is base64 of 32 fresh random bytes', () => {
    const k = randomEncryptionKey();
    expect(k).toMatch(ENCRYPTION_KEY_PATTERN);
    expect(atob(k)).toHaveLength(32);
    expect(randomEncryptionKey()).not.toBe(k);
  });

  it('is made once, for chart 3.50 with the chart Secrets only, and kept afterwards', () => {
    const once = withGeneratedSecrets(
      plan350(''),
      () => 'tok',
      () => 'NEW',
    );
    expect(once.secrets).toMatchObject({ encryptionKey: 'NEW' });
    expect(
      withGeneratedSecrets(
        once,
        () => 'tok',
        () => 'AGAIN',
      ),
    ).toEqual(once);
    const default350 = withGeneratedSecrets({ ...defaultAnswers(), chart: '3.50.0' }, () => 'tok');
    expect(default350.secrets).toMatchObject({
      encryptionKey: expect.stringMatching(ENCRYPTION_KEY_PATTERN),
    });
    const for394 = withGeneratedSecrets(
      defaultAnswers(),
      () => 'tok',
      () => 'NEW',
    );
    expect(for394.secrets).not.toHaveProperty('encryptionKey');
    const outside = plan350('');
    outside.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    expect(
      withGeneratedSecrets(
        outside,
        () => 'tok',
        () => 'NEW',
      ).secrets,
    ).not.toHaveProperty('encryptionKey');
  });
});
