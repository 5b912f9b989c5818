import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatePin, sha256Hex } from './spki-hash';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../e2e/fixtures', name), 'utf8');
// node:crypto's reading of the same certificate: the reference the pure code must agree with.
const nodePin = (pem: string) =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 examples', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sha256Hex(enc(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(enc('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('agrees with node:crypto at every padding boundary (0..200 bytes)', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(sha256Hex(bytes), `${n} bytes`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('certificatePin', () => {
  it('is what the chart computes: openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum', () => {
    // printed by that command line for e2e/fixtures/server.crt
    expect(certificatePin(fixture('server.crt'))).toBe(
      '63c59d3ec5b2d2114fee646140d2dfea70302afdc5151e31e0781663f69244d6',
    );
  });

  it.each(['server.crt', 'ldap-server.crt', 'ldap-ca.crt', 'expired.crt'])(
    '%s: the same as node:crypto',
    (name) => {
      expect(certificatePin(fixture(name))).toBe(nodePin(fixture(name)));
    },
  );

  it('takes the first certificate of a chain (the leaf, as openssl x509 reads it)', () => {
    const chain = `${fixture('ldap-server.crt')}\n${fixture('ldap-ca.crt')}`;
    expect(certificatePin(chain)).toBe(nodePin(fixture('ldap-server.crt')));
  });

  it('is null for what is no readable certificate', () => {
    const good = fixture('server.crt');
    const body = good.split('\n').slice(1, -2).join('');
    for (const bad of [
      '',
      'hello',
      fixture('server.key'),
      '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----',
      `-----BEGIN CERTIFICATE-----\n${body.slice(0, 40)}\n-----END CERTIFICATE-----`,
      `-----BEGIN CERTIFICATE-----\n${btoa('just some text')}\n-----END CERTIFICATE-----`,
    ])
      expect(certificatePin(bad), bad.slice(0, 30)).toBeNull();
  });
});
