import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../answers';
import { goJsonEscape, makeRedactor, REDACTED } from '../helm/redact';
import {
  bundleRedactor,
  HELM_RELEASE_TYPE,
  isPlainScalar,
  isPublicCertificate,
  publicNamesOf,
  redactionCount,
  secretObjectValues,
  type SecretLike,
} from './secrets';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** True when some 6-byte piece of `secret` can be read back from what is left of the base64 text. */
function leaksFromBase64(text: string, secret: string): boolean {
  const parts = text.split(REDACTED);
  const bytes = Buffer.concat(
    parts.flatMap((p) => {
      // Decode every alignment of every piece: a leftover could start mid-group.
      const out: Buffer[] = [];
      for (let s = 0; s < 4; s++) out.push(Buffer.from(p.slice(s), 'base64'));
      return out;
    }),
  ).toString('latin1');
  for (let i = 0; i + 6 <= secret.length; i++)
    if (bytes.includes(secret.slice(i, i + 6))) return true;
  return false;
}

describe('every encoding of a secret is redacted', () => {
  const secret = 'Pa55&<word>-Zq9x';
  const r = makeRedactor([secret]);
  it.each([
    ['plain', `password=${secret};`],
    ['JSON-escaped', JSON.stringify({ p: secret })],
    [
      'Go JSON (\\u0026, \\u003c, \\u003e: helm -o json)',
      '{"p":"Pa55\\u0026\\u003cword\\u003e-Zq9x"}',
    ],
    ['base64 (Secret data)', `DB_PASSWORD: ${b64(secret)}`],
  ])('%s', (_n, text) => {
    const out = r(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(b64(secret));
    expect(out).not.toContain('Zq9x');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])(
    'inside a longer base64 blob at byte offset %i (every alignment, twice)',
    (offset) => {
      const blob = b64(
        `${'#'.repeat(offset)}{"auths":{"r":{"password":"${secret}"}}} and again ${secret}!`,
      );
      const out = r(blob);
      expect(redactionCount(blob, out)).toBe(2);
      expect(leaksFromBase64(out, secret)).toBe(false);
    },
  );

  it('the blob without redaction does leak (the check above can fail)', () => {
    const blob = b64(`#{"password":"${secret}"}`);
    expect(leaksFromBase64(blob, secret)).toBe(true);
  });

  it('each line of a PEM key, also base64 of the whole key', () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${'A1b2C3d4'.repeat(8)}\n${'Z9y8X7w6'.repeat(8)}\n-----END PRIVATE KEY-----\n`;
    const rk = makeRedactor([key]);
    expect(rk(`    ${'Z9y8X7w6'.repeat(8)}\n`)).toBe(`    ${REDACTED}\n`);
    expect(rk(`tls.key: ${b64(key)}`)).toBe(`tls.key: ${REDACTED}`);
  });
});

describe('goJsonEscape', () => {
  it('escapes <, >, &, U+2028 and U+2029 as Go does and leaves the rest', () => {
    expect(goJsonEscape('a<b>c&d\u2028e\u2029f"g')).toBe(
      'a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f"g',
    );
  });
});

describe('secretObjectValues', () => {
  const secrets: SecretLike[] = [
    {
      metadata: { name: 'lr-backend' },
      type: 'Opaque',
      data: {
        DB_PASSWORD: b64('Hand-Made-Db-Pw'),
        DB_USER: b64('lightrun'),
        PORT: b64('3306'),
        FLAG: b64('true'),
        PIN: b64('1234567'),
        SHORT: b64('abc'),
      },
    },
    { metadata: { name: 'by-hand' }, stringData: { token: 'String-Data-Token-1' } },
    {
      metadata: { name: 'sh.helm.release.v1.lr.v1' },
      type: HELM_RELEASE_TYPE,
      data: { release: b64('H4sIAAAAgzipped-release') },
    },
    { metadata: { name: 'named' }, data: { ns: b64('my-namespace'), x: b64('   ') } },
  ];
  const values = secretObjectValues(secrets, ['my-namespace']);

  it('decodes data, takes stringData as is', () => {
    expect(values).toContain('Hand-Made-Db-Pw');
    expect(values).toContain('String-Data-Token-1');
    expect(values).toContain('1234567');
  });

  it('leaves out Helm release records, public names, short values, blanks and plain scalars', () => {
    expect(values).not.toContain('H4sIAAAAgzipped-release');
    for (const v of ['lightrun', 'my-namespace', 'abc', '3306', 'true', '   '])
      expect(values).not.toContain(v);
    expect(values).toHaveLength(3);
  });
});

describe('isPlainScalar', () => {
  it.each([
    ['true', true],
    ['False', true],
    ['null', true],
    ['123456', true],
    ['1234567', false],
    ['12a4', false],
    ['truex', false],
    ['', true],
  ])('%s → %s', (v, want) => {
    expect(isPlainScalar(v)).toBe(want);
  });
});

describe('bundleRedactor', () => {
  const file = path.join(__dirname, '..', '..', 'examples', 'quick-default', 'answers.yaml');
  const parsed = validateAnswers(completeAnswers(parse(readFileSync(file, 'utf8'))));
  if (!parsed.success) throw new Error('example invalid');
  const answers = parsed.data as Answers;

  it("redacts the answers' secrets and the Secret objects' values, and counts only names", () => {
    const { redact, sources } = bundleRedactor({
      answers,
      secrets: [{ metadata: { name: 'extra' }, data: { k: b64('Only-In-A-Secret-42') } }],
      publicNames: publicNamesOf({ namespace: 'lightrun', release: 'lr' }, 'lightrun.example.com'),
    });
    expect(redact('Example-Db-Pass-1 Only-In-A-Secret-42 lr-backend')).toBe(
      `${REDACTED} ${REDACTED} lr-backend`,
    );
    expect(sources.fromSecrets).toBe(1);
    expect(sources.fromAnswers).toBeGreaterThanOrEqual(5);
    expect(sources.secretNames).toEqual(['extra']);
  });

  it('without answers, the Secret objects alone', () => {
    const { redact, sources } = bundleRedactor({
      secrets: [{ metadata: { name: 's' }, data: { k: b64('Only-In-A-Secret-42') } }],
      publicNames: [],
    });
    expect(redact('Example-Db-Pass-1 Only-In-A-Secret-42')).toBe(`Example-Db-Pass-1 ${REDACTED}`);
    expect(sources.fromAnswers).toBe(0);
  });
});

describe('redactionCount', () => {
  it('counts the [redacted] a redaction added, not those already there', () => {
    expect(redactionCount(`${REDACTED} a a`, `${REDACTED} ${REDACTED} ${REDACTED}`)).toBe(2);
    expect(redactionCount('x', 'x')).toBe(0);
  });
});

describe('isPublicCertificate', () => {
  const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const key = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
  it.each([
    [cert, true],
    [b64(cert), true],
    [cert + key, false],
    [b64(cert + key), false],
    [key, false],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\n', false],
    ['Example-Db-Pass-1', false],
  ])('%s → %s', (v, want) => {
    expect(isPublicCertificate(v)).toBe(want);
  });

  it('bundleRedactor leaves a certificate readable and still redacts its key', () => {
    const { redact } = bundleRedactor({
      secrets: [{ metadata: { name: 'tls' }, data: { 'tls.crt': b64(cert), 'tls.key': b64(key) } }],
      publicNames: [],
    });
    expect(redact(`crt: ${b64(cert)}`)).toBe(`crt: ${b64(cert)}`);
    expect(redact(`key: ${b64(key)}`)).toBe(`key: ${REDACTED}`);
  });
});
