import { describe, expect, it } from 'vitest';
import type { CertificateReport } from '../pem/report';
import { decideCertificate } from './certificate';

const r = (edit: Partial<CertificateReport> = {}): CertificateReport => ({
  subject: 'CN=lr.example.com',
  issuer: 'CN=CA',
  sans: ['lr.example.com'],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  daysLeft: 182,
  selfSigned: false,
  keyMatches: true,
  errors: [],
  warnings: [],
  ...edit,
});

describe('decideCertificate', () => {
  it.each<[Partial<CertificateReport>, string, string]>([
    [
      {},
      'pass',
      'The certificate covers lr.example.com, matches its key and is valid until 2027-06-01.',
    ],
    [
      { selfSigned: true },
      'pass',
      'The certificate covers lr.example.com, matches its key and is valid until 2027-06-01 (self-signed).',
    ],
    [
      { sans: ['*.example.com'] },
      'pass',
      'The certificate covers lr.example.com, matches its key and is valid until 2027-06-01.',
    ],
    [
      { sans: ['*.other.com', 'example.com'] },
      'fail',
      'The certificate does not cover lr.example.com: its SANs are *.other.com, example.com.',
    ],
    [{ sans: [] }, 'fail', 'The certificate does not cover lr.example.com: its SANs are empty.'],
    [
      { daysLeft: -1, notAfter: '2026-11-30T00:00:00.000Z' },
      'fail',
      'The certificate expired on 2026-11-30.',
    ],
    [
      { daysLeft: 0 },
      'warn',
      'The certificate covers lr.example.com but expires in 0 days (2027-06-01).',
    ],
    [
      { daysLeft: 1 },
      'warn',
      'The certificate covers lr.example.com but expires in 1 day (2027-06-01).',
    ],
    [
      { daysLeft: 30 },
      'warn',
      'The certificate covers lr.example.com but expires in 30 days (2027-06-01).',
    ],
    [
      { daysLeft: 31 },
      'pass',
      'The certificate covers lr.example.com, matches its key and is valid until 2027-06-01.',
    ],
    [{ keyMatches: false }, 'fail', 'The private key does not belong to the certificate.'],
  ])('%j -> %s', (edit, status, message) => {
    expect(decideCertificate('lr.example.com', r(edit))).toMatchObject({ status, message });
  });

  it('passes lib/pem errors through', () => {
    expect(
      decideCertificate('x', { field: 'crt', error: 'No PEM certificate found.' }),
    ).toMatchObject({ status: 'fail', message: 'No PEM certificate found.' });
  });
});
