import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPem } from './inspect';

const read = (f: string) => readFileSync(path.join(__dirname, '../..', f), 'utf8');
const SERVER = read('e2e/fixtures/server.crt');
const SERVER_KEY = read('e2e/fixtures/server.key');
const NOW = new Date('2027-01-01T00:00:00Z');

describe('inspectPem: the full report of real certificates', () => {
  it('a self-signed certificate with a two-part subject and its own key', () => {
    expect(
      inspectPem({ crt: SERVER, key: SERVER_KEY, endpoint: 'lightrun.example.com' }, NOW),
    ).toEqual({
      subject: 'CN=lightrun.example.com, O=Example Corp',
      issuer: 'CN=lightrun.example.com, O=Example Corp',
      sans: ['lightrun.example.com', '*.lightrun.example.com'],
      notBefore: '2026-11-24T00:16:20.000Z',
      notAfter: '2126-10-31T00:16:20.000Z',
      daysLeft: 36462,
      selfSigned: true,
      keyMatches: true,
      errors: [],
      warnings: [],
    });
  });

  it('a certificate signed by a private CA is not self-signed; the leaf of a chain is read', () => {
    const chain = read('examples/certs/server.crt') + read('examples/certs/ca.crt');
    expect(inspectPem({ crt: chain, endpoint: 'lightrun.acme.example.com' }, NOW)).toMatchObject({
      subject: 'CN=lightrun.acme.example.com',
      issuer: 'CN=Example Test CA',
      selfSigned: false,
      keyMatches: null,
      errors: [],
      warnings: [],
    });
  });

  it('no key, or only blanks, is "no key given", not a key error', () => {
    expect(inspectPem({ crt: SERVER, endpoint: '' }, NOW)).toMatchObject({ keyMatches: null });
    expect(inspectPem({ crt: SERVER, key: '  \n', endpoint: '' }, NOW)).toMatchObject({
      keyMatches: null,
    });
  });

  it('a key of another certificate and an uncovered endpoint: both errors, exactly, and no warning', () => {
    const r = inspectPem(
      { crt: SERVER, key: read('e2e/fixtures/other.key'), endpoint: 'x.example.org' },
      NOW,
    );
    expect(r).toMatchObject({ keyMatches: false });
    expect('errors' in r && r.errors).toEqual([
      "The certificate's names (lightrun.example.com, *.lightrun.example.com) do not cover the endpoint x.example.org: use a certificate issued for it, or change the endpoint.",
      'The private key does not belong to this certificate: upload the key it was issued with.',
    ]);
    expect('warnings' in r && r.warnings).toEqual([]);
  });

  it('each unreadable input gets its own error', () => {
    expect(inspectPem({ crt: 'hello', endpoint: '' })).toEqual({
      field: 'crt',
      error: 'No PEM certificate found: the file must contain "-----BEGIN CERTIFICATE-----".',
    });
    expect(
      inspectPem({
        crt: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
        endpoint: '',
      }),
    ).toEqual({
      field: 'crt',
      error: 'The certificate could not be read: it is not a valid X.509 certificate in PEM.',
    });
    expect(inspectPem({ crt: SERVER, key: 'nope', endpoint: '' })).toEqual({
      field: 'key',
      error: 'The private key could not be read: upload an unencrypted PEM private key.',
    });
  });
});
