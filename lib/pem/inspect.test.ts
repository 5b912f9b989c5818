import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../answers/schema';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { inspectPem, makeCertificateInspector } from './inspect';

const fixture = (f: string) => readFileSync(path.join(__dirname, '../../e2e/fixtures', f), 'utf8');
// expired.crt is valid until 2026-11-23T00:16:22Z; server.crt until 2126.
const BEFORE_EXPIRY = new Date('2026-11-22T00:16:22Z');

describe('inspectPem', () => {
  it('reads subject, SANs and a matching key', () => {
    const r = inspectPem({
      crt: fixture('server.crt'),
      key: fixture('server.key'),
      endpoint: 'lightrun.example.com',
    });
    expect(r).toMatchObject({
      sans: ['lightrun.example.com', '*.lightrun.example.com'],
      keyMatches: true,
      errors: [],
      warnings: [],
    });
  });
  it('splits errors (expired) from warnings (expiring soon)', () => {
    const expired = inspectPem(
      { crt: fixture('expired.crt'), key: fixture('expired.key'), endpoint: 'old.example.com' },
      new Date('2026-11-23T00:16:23Z'),
    );
    expect(expired).toMatchObject({
      errors: [
        'The certificate expired on 2026-11-23: agents and plugins refuse it. Upload a renewed certificate.',
      ],
      warnings: [],
    });
    const soon = inspectPem(
      { crt: fixture('expired.crt'), key: fixture('expired.key'), endpoint: 'old.example.com' },
      BEFORE_EXPIRY,
    );
    expect(soon).toMatchObject({
      errors: [],
      warnings: ['The certificate expires in 1 day (2026-11-23): renew it soon.'],
    });
  });
  it('explains garbage, on the field it concerns', () => {
    expect(inspectPem({ crt: 'hello', endpoint: '' })).toEqual({
      field: 'crt',
      error: expect.stringMatching(/No PEM certificate/),
    });
    expect(inspectPem({ crt: fixture('server.crt'), key: 'nope', endpoint: '' })).toEqual({
      field: 'key',
      error: expect.stringMatching(/private key/),
    });
  });
});

describe('validateAnswers with the node:crypto inspector', () => {
  const inspectCertificate = makeCertificateInspector(() => BEFORE_EXPIRY);
  const withCert = (crt: string, key: string, endpoint: string) => {
    const a = validAnswers();
    a.certificate = { source: 'inline', crt: fixture(crt), key: fixture(key) };
    a.general.endpoint = endpoint;
    return a;
  };
  const issues = (a: unknown, now?: Date) => {
    const r = validateAnswers(a, {
      inspectCertificate: now ? makeCertificateInspector(() => now) : inspectCertificate,
    });
    return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it.each([
    [
      'matching pair covering the endpoint',
      'server.crt',
      'server.key',
      'eu.lightrun.example.com',
      [],
    ],
    ['wildcard SAN covers one label', 'server.crt', 'server.key', 'us.lightrun.example.com', []],
    [
      'the vendor placeholder is refused even when the certificate covers it',
      'server.crt',
      'server.key',
      'lightrun.example.com',
      [
        'general.endpoint: Endpoint host name: "lightrun.example.com" is the placeholder of the vendor’s values.yaml, not a real value — enter the host name users will open, e.g. lightrun.your-company.com.',
      ],
    ],
    [
      'key of another certificate',
      'server.crt',
      'other.key',
      'eu.lightrun.example.com',
      [
        'certificate.key: The private key does not belong to this certificate: upload the key it was issued with.',
      ],
    ],
    [
      'names do not cover the endpoint',
      'server.crt',
      'server.key',
      'lightrun.example.org',
      [
        "certificate.crt: The certificate's names (lightrun.example.com, *.lightrun.example.com) do not cover the endpoint lightrun.example.org: use a certificate issued for it, or change the endpoint.",
      ],
    ],
    [
      'expiring in a day is accepted (a warning, not an error)',
      'expired.crt',
      'expired.key',
      'old.example.com',
      [],
    ],
  ])('%s', (_n, crt, key, endpoint, expected) =>
    expect(issues(withCert(crt, key, endpoint))).toEqual(expected),
  );
  it('an expired certificate is an error', () => {
    expect(
      issues(
        withCert('expired.crt', 'expired.key', 'old.example.com'),
        new Date('2026-11-23T00:16:23Z'),
      ),
    ).toEqual([
      'certificate.crt: The certificate expired on 2026-11-23: agents and plugins refuse it. Upload a renewed certificate.',
    ]);
  });
  it('still reports the certificate when another section is malformed', () => {
    const a = withCert('server.crt', 'other.key', 'eu.lightrun.example.com') as unknown as Record<
      string,
      Record<string, unknown>
    >;
    a.sizing!.backend = { replicas: null, hpa: { enabled: false } };
    expect(issues(a)).toEqual([
      'sizing.backend.replicas: "replicas" (sizing.backend.replicas) must be a number, not null.',
      'certificate.key: The private key does not belong to this certificate: upload the key it was issued with.',
    ]);
  });
  it('without an inspector only the PEM text is judged', () => {
    const r = validateAnswers(withCert('server.crt', 'other.key', 'eu.lightrun.example.com'));
    expect(r.success).toBe(true);
  });
});
