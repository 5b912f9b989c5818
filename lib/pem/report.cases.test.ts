import { describe, expect, it } from 'vitest';
import {
  EXPIRY_WARNING_DAYS,
  certificateFindings,
  daysUntil,
  parseSubjectAltName,
  sanCovers,
} from './report';

// Boundary and passing cases of every rule of the certificate report, with the exact texts an
// admin reads (the review page and `validate` show them verbatim).

describe('parseSubjectAltName: every separator and entry form node:crypto can print', () => {
  it.each([
    ['', []],
    ['DNS:a.example.com,DNS:b.example.com', ['a.example.com', 'b.example.com']], // no space after the comma
    ['DNS:a.example.com,   DNS:b.example.com', ['a.example.com', 'b.example.com']],
    [' DNS:a.example.com', ['a.example.com']], // leading blank before the first entry
    ['DNS: a.example.com', ['a.example.com']], // blank after the colon is not part of the name
    ['DNS:a.example.com , IP Address:10.0.0.1', ['a.example.com', '10.0.0.1']],
    ['URI:spiffe://DNS:evil.example.com', []], // the type must start the entry
    ['DNS:a.example.com\nb', []], // an entry with a line break is no host name
    ['DNS:', []],
    ['email:x@example.com, othername:DNS:y', []],
  ])('%j -> %j', (input, expected) => expect(parseSubjectAltName(input)).toEqual(expected));
});

describe('sanCovers: exact names and one-label wildcards (RFC 6125)', () => {
  it.each([
    ['*.example.com', '.example.com', false], // an empty first label is not a host
    ['*.example.com', 'x.example.com', true],
    ['*.EXAMPLE.com', 'X.example.COM', true],
    ['*.example.com', 'xexample.com', false],
    ['example.com', 'example.com.', false],
    ['a.example.com', 'A.EXAMPLE.COM', true],
  ])('%s covers %s: %s', (san, host, expected) => expect(sanCovers(san, host)).toBe(expected));
});

describe('daysUntil: whole days, rounded down', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it.each([
    ['2025-01-01T00:00:00Z', 0],
    ['2025-01-01T23:59:59Z', 0],
    ['2025-01-02T00:00:00Z', 1],
    ['2024-12-31T12:00:00Z', -1], // half a day ago is already expired
    ['2024-12-31T00:00:00Z', -1],
    ['2024-12-30T23:59:59Z', -2],
  ])('%s -> %i', (notAfter, days) => expect(daysUntil(new Date(notAfter), now)).toBe(days));
});

describe('certificateFindings', () => {
  const base = {
    subject: 'CN=x',
    issuer: 'CN=x',
    sans: ['lightrun.example.com'],
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2030-06-15T08:00:00.000Z',
    daysLeft: 400,
    selfSigned: true,
    keyMatches: true as boolean | null,
  };
  const find = (patch: Partial<typeof base>, endpoint = 'lightrun.example.com') =>
    certificateFindings({ ...base, ...patch }, endpoint);
  const EXPIRED =
    'The certificate expired on 2030-06-15: agents and plugins refuse it. Upload a renewed certificate.';
  const soon = (n: string) => ({
    field: 'crt',
    severity: 'warning',
    message: `The certificate expires in ${n} (2030-06-15): renew it soon.`,
  });
  const KEY = {
    field: 'key',
    severity: 'error',
    message:
      'The private key does not belong to this certificate: upload the key it was issued with.',
  };

  it.each([
    [-1, [{ field: 'crt', severity: 'error', message: EXPIRED }]],
    [0, [soon('0 days')]],
    [1, [soon('1 day')]],
    [2, [soon('2 days')]],
    [30, [soon('30 days')]],
    [31, []],
  ])('%i days left -> %j', (daysLeft, expected) => expect(find({ daysLeft })).toEqual(expected));

  it('the warning window is EXPIRY_WARNING_DAYS days', () => expect(EXPIRY_WARNING_DAYS).toBe(30));

  it('names the SANs that miss the endpoint (an error)', () => {
    expect(find({ sans: ['a.example.com', '*.b.example.com'] }, 'lightrun.example.com')).toEqual([
      {
        field: 'crt',
        severity: 'error',
        message:
          "The certificate's names (a.example.com, *.b.example.com) do not cover the endpoint lightrun.example.com: use a certificate issued for it, or change the endpoint.",
      },
    ]);
  });

  it('says so when there are no SANs at all (an error)', () => {
    expect(find({ sans: [] }, 'lightrun.example.com')).toEqual([
      {
        field: 'crt',
        severity: 'error',
        message:
          'The certificate has no subject alternative names, so it does not cover lightrun.example.com: browsers and agents check SANs only. Use a certificate issued for lightrun.example.com.',
      },
    ]);
  });

  it('is quiet when any SAN covers the endpoint, and checks no SAN without an endpoint yet', () => {
    expect(find({ sans: ['other.example.com', '*.example.com'] }, 'lightrun.example.com')).toEqual(
      [],
    );
    expect(find({ sans: [] }, '')).toEqual([]);
  });

  it('a key of another certificate is an error on the key field, a missing key is nothing', () => {
    expect(find({ keyMatches: false })).toEqual([KEY]);
    expect(find({ keyMatches: null })).toEqual([]);
  });

  it('lists every problem, in the order expiry, SANs, key', () => {
    expect(find({ daysLeft: -3, sans: [], keyMatches: false }, 'x.example.org')).toEqual([
      { field: 'crt', severity: 'error', message: EXPIRED },
      {
        field: 'crt',
        severity: 'error',
        message:
          'The certificate has no subject alternative names, so it does not cover x.example.org: browsers and agents check SANs only. Use a certificate issued for x.example.org.',
      },
      KEY,
    ]);
  });
});
