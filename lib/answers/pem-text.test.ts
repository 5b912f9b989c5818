import { describe, expect, it } from 'vitest';
import { certificateTextProblem, keyTextProblem } from './pem-text';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIBkey\n-----END PRIVATE KEY-----\n';
const RSA = '-----BEGIN RSA PRIVATE KEY-----\nMIIBkey\n-----END RSA PRIVATE KEY-----\n';
const EC = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n';
const DER = '0\u0082\u0003\u0000\u0001\ufffd\ufffd';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('certificateTextProblem', () => {
  it.each([
    ['a PEM certificate', CERT, null],
    ['a chain with text around it', `subject=CN=x\n${CERT}${CERT}`, null],
    ['empty', '  ', /^Required/],
    [
      'the key pasted in the certificate field',
      KEY,
      /^This is a private key, not a certificate: put it in the private key field/,
    ],
    [
      'a CSR',
      '-----BEGIN CERTIFICATE REQUEST-----\nMII\n-----END CERTIFICATE REQUEST-----',
      /signing request/,
    ],
    [
      'a public key',
      '-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----',
      /public key, not a certificate/,
    ],
    [
      'a binary DER file',
      DER,
      /binary \(DER\) certificate: convert it to PEM with `openssl x509 -inform der/,
    ],
    ['base64 of the PEM (as values.yaml holds it)', b64(CERT), /encoded in base64/],
    ['BEGIN without END', '-----BEGIN CERTIFICATE-----\nMII', /^Not a certificate/],
    ['random text', 'hello', /^Not a certificate/],
  ])('%s', (_n, input, expected) => {
    const got = certificateTextProblem(input);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatch(expected);
  });
});

describe('keyTextProblem', () => {
  it.each([
    ['PKCS#8', KEY, null],
    ['PKCS#1 RSA', RSA, null],
    ['SEC1 EC', EC, null],
    ['empty', '', /^Required/],
    ['only blanks', ' \n\t', /^Required/],
    [
      'encrypted PKCS#8',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII\n-----END ENCRYPTED PRIVATE KEY-----',
      /encrypted: export it without a passphrase/,
    ],
    [
      'encrypted legacy RSA (Proc-Type)',
      RSA.replace('\nMIIBkey', '\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIBkey'),
      /encrypted/,
    ],
    [
      'the certificate pasted in the key field',
      CERT,
      /^This is a certificate, not a private key: put it in the certificate field/,
    ],
    [
      'a public key',
      '-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----',
      /public key: the private key is needed/,
    ],
    [
      'a binary DER key',
      DER,
      /binary \(DER\) key: convert it to PEM with `openssl pkey -inform der/,
    ],
    ['base64 of the PEM', b64(KEY), /encoded in base64/],
    [
      'mismatched BEGIN/END kinds',
      '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
      /^Not a private key/,
    ],
  ])('%s', (_n, input, expected) => {
    const got = keyTextProblem(input);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatch(expected);
  });
});
