import { describe, expect, it } from 'vitest';
import { certificateFindings, daysUntil, parseSubjectAltName, sanCovers } from './report';

describe('parseSubjectAltName', () => {
  it.each([
    [undefined, []],
    ['DNS:a.example.com', ['a.example.com']],
    [
      'DNS:a.example.com, DNS:*.example.com, IP Address:10.0.0.1',
      ['a.example.com', '*.example.com', '10.0.0.1'],
    ],
    ['email:x@example.com, DNS:b.example.com', ['b.example.com']],
  ])('%s', (input, expected) => expect(parseSubjectAltName(input)).toEqual(expected));
});

describe('sanCovers', () => {
  it.each([
    ['lightrun.example.com', 'lightrun.example.com', true],
    ['LIGHTRUN.example.com', 'lightrun.example.com', true],
    ['*.example.com', 'lightrun.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['other.example.com', 'lightrun.example.com', false],
  ])('%s covers %s: %s', (san, host, expected) => expect(sanCovers(san, host)).toBe(expected));
});

describe('certificateFindings', () => {
  const base = {
    subject: 'CN=x',
    issuer: 'CN=x',
    sans: ['lightrun.example.com'],
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2030-01-01T00:00:00.000Z',
    daysLeft: 400,
    selfSigned: true,
    keyMatches: true as boolean | null,
  };
  const EXPIRED = {
    field: 'crt',
    severity: 'error',
    message:
      'The certificate expired on 2030-01-01: agents and plugins refuse it. Upload a renewed certificate.',
  };
  const KEY = {
    field: 'key',
    severity: 'error',
    message:
      'The private key does not belong to this certificate: upload the key it was issued with.',
  };
  const NAMES = {
    field: 'crt',
    severity: 'error',
    message:
      "The certificate's names (lightrun.example.com) do not cover the endpoint other.example.com: use a certificate issued for it, or change the endpoint.",
  };
  it.each([
    ['a good pair', {}, 'lightrun.example.com', []],
    ['no key yet', { keyMatches: null }, 'lightrun.example.com', []],
    ['no endpoint yet: names not judged', {}, '', []],
    ['expired yesterday (boundary -1)', { daysLeft: -1 }, 'lightrun.example.com', [EXPIRED]],
    [
      'expires today (0): still valid, warning',
      { daysLeft: 0 },
      'lightrun.example.com',
      [
        {
          field: 'crt',
          severity: 'warning',
          message: 'The certificate expires in 0 days (2030-01-01): renew it soon.',
        },
      ],
    ],
    [
      '30 days: warning',
      { daysLeft: 30 },
      'lightrun.example.com',
      [
        {
          field: 'crt',
          severity: 'warning',
          message: 'The certificate expires in 30 days (2030-01-01): renew it soon.',
        },
      ],
    ],
    [
      '1 day: singular',
      { daysLeft: 1 },
      'lightrun.example.com',
      [
        {
          field: 'crt',
          severity: 'warning',
          message: 'The certificate expires in 1 day (2030-01-01): renew it soon.',
        },
      ],
    ],
    ['31 days: quiet', { daysLeft: 31 }, 'lightrun.example.com', []],
    ['key of another certificate', { keyMatches: false }, 'lightrun.example.com', [KEY]],
    ['names miss the endpoint', {}, 'other.example.com', [NAMES]],
    [
      'no SANs at all',
      { sans: [] },
      'lightrun.example.com',
      [
        {
          field: 'crt',
          severity: 'error',
          message:
            'The certificate has no subject alternative names, so it does not cover lightrun.example.com: browsers and agents check SANs only. Use a certificate issued for lightrun.example.com.',
        },
      ],
    ],
    [
      'all three errors',
      { daysLeft: -5, keyMatches: false },
      'other.example.com',
      [EXPIRED, NAMES, KEY],
    ],
  ])('%s', (_n, patch, endpoint, expected) =>
    expect(certificateFindings({ ...base, ...patch }, endpoint)).toEqual(expected),
  );
  it('counts days', () =>
    expect(daysUntil(new Date('2025-01-11T12:00:00Z'), new Date('2025-01-01T00:00:00Z'))).toBe(10));
});
