import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../answers';
import { REDACTED, secretValuesOf } from '../helm/redact';
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

// Exact tables for what the bundle is redacted of: which values of Secret objects count (each
// rule's boundary on both sides), the plain-scalar test at its edges, the certificate test and
// the README counts. Fake secrets are distinctive so a leak shows; each row builds its input inside the test.

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secretObjectValues: each rule at its boundary, exact output', () => {
  it.each<[string, () => SecretLike[], readonly string[], string[]]>([
    [
      '4 characters is long enough, 3 is not',
      (): SecretLike[] => [{ data: { a: b64('Zq9x'), b: b64('Zq9') } }],
      [],
      ['Zq9x'],
    ],
    [
      'stringData: 4 characters counts, 3 does not',
      (): SecretLike[] => [{ stringData: { a: 'Wv7k', b: 'Wv7' } }],
      [],
      ['Wv7k'],
    ],
    [
      'data is decoded, stringData taken as is, in that order per Secret',
      (): SecretLike[] => [
        { stringData: { s: 'Str-Fake-Secret-1' }, data: { d: b64('Dat-Fake-Secret-1') } },
        { data: { d: b64('Dat-Fake-Secret-2') } },
      ],
      [],
      ['Dat-Fake-Secret-1', 'Str-Fake-Secret-1', 'Dat-Fake-Secret-2'],
    ],
    [
      'a value in two Secrets (or in data and stringData) once',
      (): SecretLike[] => [
        { data: { a: b64('Dup-Fake-Secret') }, stringData: { b: 'Dup-Fake-Secret' } },
        { stringData: { c: 'Dup-Fake-Secret' } },
      ],
      [],
      ['Dup-Fake-Secret'],
    ],
    [
      'a Helm release record is skipped whole; a Secret of another type is read',
      (): SecretLike[] => [
        {
          type: HELM_RELEASE_TYPE,
          data: { release: b64('Release-Fake-Blob') },
          stringData: { x: 'Release-Fake-Str' },
        },
        {
          type: 'kubernetes.io/dockerconfigjson',
          data: { '.dockerconfigjson': b64('Docker-Fake-Cfg') },
        },
        { type: 'helm.sh/release.v2', stringData: { x: 'Other-Type-Fake' } },
      ],
      [],
      ['Docker-Fake-Cfg', 'Other-Type-Fake'],
    ],
    [
      'a value that is not text is skipped, the next one read',
      (): SecretLike[] => [
        {
          data: {
            n: 5 as unknown as string,
            o: null as unknown as string,
            a: b64('Next-Fake-Secret'),
          },
          stringData: { n: 7 as unknown as string, s: 'Next-Fake-Str' },
        },
      ],
      [],
      ['Next-Fake-Secret', 'Next-Fake-Str'],
    ],
    [
      'a stringData value that is a list (not text) is skipped',
      (): SecretLike[] => [
        {
          stringData: {
            l: ['Fake-L1', 'Fake-L2', 'Fake-L3', 'Fake-L4'] as unknown as string,
            s: 'After-List-Fake',
          },
        },
      ],
      [],
      ['After-List-Fake'],
    ],
    [
      'no data and no stringData: nothing',
      (): SecretLike[] => [{ metadata: { name: 'empty' } }, {}],
      [],
      [],
    ],
    [
      'a public name given is skipped, only when equal',
      (): SecretLike[] => [
        { stringData: { a: 'my-release', b: 'my-release-2', c: 'lightrun-ns' } },
      ],
      ['my-release', 'lightrun-ns'],
      ['my-release-2'],
    ],
    [
      "the product's own words are skipped without being given",
      (): SecretLike[] => [
        { stringData: { a: 'lightrun', b: 'keycloak', c: 'mysql', d: 'admin', e: 'lightrun1' } },
      ],
      [],
      ['lightrun1'],
    ],
    [
      'a value of spaces only is skipped; one with spaces around text is kept as is',
      (): SecretLike[] => [{ stringData: { a: '     ', b: '\t\n  ', c: '  Spaced-Fake  ' } }],
      [],
      ['  Spaced-Fake  '],
    ],
    [
      'plain scalars are skipped, other text of the same length kept',
      (): SecretLike[] => [
        {
          stringData: {
            t: 'true',
            f: 'FALSE',
            n: 'null',
            p: '3306',
            q: '123456',
            r: '1234567',
            s: 'tru3',
          },
        },
      ],
      [],
      ['1234567', 'tru3'],
    ],
  ])('%s', (_n, secrets, publicNames, want) => {
    expect(secretObjectValues(secrets(), publicNames)).toEqual(want);
  });

  it('without public names, only the product words are skipped', () => {
    expect(secretObjectValues([{ stringData: { a: 'redis', b: 'Redis-Fake-Pw' } }])).toEqual([
      'Redis-Fake-Pw',
    ]);
  });
});

describe('isPlainScalar: true/false/null and numbers of up to 6 digits', () => {
  it.each<[string, boolean]>([
    ['true', true],
    ['TRUE', true],
    [' false ', true],
    ['Null', true],
    ['nil', false],
    ['yes', false],
    ['~', false],
    ['0', true],
    ['9', true],
    ['000000', true],
    ['999999', true],
    [' 42\n', true],
    ['0000000', false],
    ['9999999', false],
    ['-1', false],
    ['1.5', false],
    ['1e3', false],
    ['12 34', false],
    // the characters just below '0' ('/') and just above '9' (':')
    ['12/4', false],
    ['12:4', false],
    ['/', false],
    [':', false],
    ['abcdef', false],
    ['abc', false],
  ])('%j → %s', (v, want) => {
    expect(isPlainScalar(v)).toBe(want);
  });
});

describe('isPublicCertificate: certificates only, as PEM or its base64', () => {
  const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  it.each<[string, () => string, boolean]>([
    ['a PEM chain of two certificates', () => cert + cert, true],
    [
      'an RSA key after the certificate',
      () => `${cert}-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n`,
      false,
    ],
    [
      'an EC key before it',
      () => `-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n${cert}`,
      false,
    ],
    [
      'an encrypted key with it',
      () =>
        `${cert}-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----\n`,
      false,
    ],
    [
      'an encrypted something else with it',
      () => `${cert}-----BEGIN ENCRYPTED DATA-----\nMIIF\n-----END ENCRYPTED DATA-----\n`,
      false,
    ],
    [
      'a public key is not a certificate',
      () => '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n',
      false,
    ],
    [
      'a certificate request is not a certificate',
      () => '-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n',
      false,
    ],
    ['base64 of a chain', () => b64(cert + cert), true],
    [
      'base64 of a certificate and its key',
      () => b64(`${cert}-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`),
      false,
    ],
    [
      'a PEM with a key mentioned in text is read as PEM, not decoded',
      () => `${cert}# PRIVATE KEY kept elsewhere\n`,
      false,
    ],
    ['the words in plain text without a BEGIN line', () => 'CERTIFICATE', false],
  ])('%s', (_n, v, want) => {
    expect(isPublicCertificate(v())).toBe(want);
  });
});

describe('bundleRedactor without answers: counts, names and what is redacted', () => {
  it("counts the values kept, names every Secret but Helm's records and the nameless, sorted", () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const { redact, sources } = bundleRedactor({
      secrets: [
        { metadata: { name: 'zeta' }, stringData: { a: 'Zeta-Fake-Secret', port: '5432' } },
        {
          metadata: { name: 'sh.helm.release.v1.lr.v1' },
          type: HELM_RELEASE_TYPE,
          stringData: { release: 'Helm-Fake-Record' },
        },
        {
          metadata: { name: 'alpha' },
          data: { 'tls.crt': b64(cert), pw: b64('Alpha-Fake-Secret') },
        },
        { metadata: {}, stringData: { a: 'Nameless-Fake-Secret' } },
        { stringData: { a: 'Nameless-Fake-Secret-2' } },
      ],
      publicNames: ['ns-public'],
    });
    expect(sources).toEqual({ fromAnswers: 0, fromSecrets: 4, secretNames: ['alpha', 'zeta'] });
    expect(
      redact(
        'Zeta-Fake-Secret Alpha-Fake-Secret Nameless-Fake-Secret Helm-Fake-Record 5432 ns-public',
      ),
    ).toBe(`${REDACTED} ${REDACTED} ${REDACTED} Helm-Fake-Record 5432 ns-public`);
    expect(redact(`crt: ${b64(cert)}`)).toBe(`crt: ${b64(cert)}`);
  });
  it('no Secrets: nothing redacted, nothing counted', () => {
    const { redact, sources } = bundleRedactor({ secrets: [], publicNames: [] });
    expect(sources).toEqual({ fromAnswers: 0, fromSecrets: 0, secretNames: [] });
    expect(redact('Any-Fake-Text')).toBe('Any-Fake-Text');
  });
});

describe('bundleRedactor with answers: the certificate stays readable, its key does not', () => {
  const answers = () => {
    const parsed = validateAnswers(
      completeAnswers(
        parse(
          readFileSync(
            path.join(__dirname, '..', '..', 'examples', 'quick-default', 'answers.yaml'),
            'utf8',
          ),
        ),
      ),
    );
    if (!parsed.success) throw new Error('example invalid');
    return parsed.data as Answers;
  };
  it('every secret value of the answers but the certificate is counted and redacted', () => {
    const a = answers();
    const crtB64 = b64(a.certificate.source === 'inline' ? a.certificate.crt : '');
    // The rendered values carry the certificate base64-encoded at a secret path, next to its key.
    expect(secretValuesOf(a, [])).toContain(crtB64);
    const { redact, sources } = bundleRedactor({ answers: a, secrets: [], publicNames: [] });
    expect(sources).toEqual({
      fromAnswers: secretValuesOf(a, []).length - 1,
      fromSecrets: 0,
      secretNames: [],
    });
    expect(redact(`tls.crt: ${crtB64}`)).toBe(`tls.crt: ${crtB64}`);
    expect(redact('db: Example-Db-Pass-1')).toBe(`db: ${REDACTED}`);
  });
});

describe('redactionCount', () => {
  it.each<[string, string, number]>([
    ['a', `${REDACTED}`, 1],
    ['a b a', `${REDACTED} b ${REDACTED}`, 2],
    [`${REDACTED}`, `${REDACTED}`, 0],
    [`${REDACTED} ${REDACTED}`, `${REDACTED}`, 0], // fewer after: never negative
    ['', '', 0],
    ['[redacted', '[redacted', 0],
  ])('%j → %j: %i', (before, after, want) => {
    expect(redactionCount(before, after)).toBe(want);
  });
});

describe('publicNamesOf', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, ['ns', 'rel']],
    ['', ['ns', 'rel']],
    ['lightrun.example.com', ['ns', 'rel', 'lightrun', 'example', 'com']],
    ['localhost', ['ns', 'rel', 'localhost']],
  ])('endpoint %j → %j', (endpoint, want) => {
    expect(publicNamesOf({ namespace: 'ns', release: 'rel' }, endpoint)).toEqual(want);
  });
});
