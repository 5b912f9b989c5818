import { describe, expect, it } from 'vitest';
import { certificateWarnings, daysUntil, parseSubjectAltName, sanCovers } from './report';

describe('parseSubjectAltName', () => {
  it.each([
    [undefined, []],
    ['DNS:a.example.com', ['a.example.com']],
    ['DNS:a.example.com, DNS:*.example.com, IP Address:10.0.0.1', ['a.example.com', '*.example.com', '10.0.0.1']],
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

describe('certificateWarnings', () => {
  const base = {
    subject: 'CN=x', issuer: 'CN=x', sans: ['lightrun.example.com'], notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2030-01-01T00:00:00.000Z', daysLeft: 400, selfSigned: true, keyMatches: true as boolean | null,
  };
  it('is quiet for a good pair', () => expect(certificateWarnings(base, 'lightrun.example.com')).toEqual([]));
  it('warns on expiry, SANs and key', () => {
    const w = certificateWarnings({ ...base, daysLeft: -1, keyMatches: false }, 'other.example.com');
    expect(w).toHaveLength(3);
    expect(w[0]).toMatch(/expired/);
    expect(w[1]).toMatch(/do not cover the endpoint other.example.com/);
    expect(w[2]).toMatch(/does not belong/);
  });
  it('warns within 30 days', () => expect(certificateWarnings({ ...base, daysLeft: 30 }, '')[0]).toMatch(/expires in 30 days/));
  it('counts days', () => expect(daysUntil(new Date('2025-01-11T12:00:00Z'), new Date('2025-01-01T00:00:00Z'))).toBe(10));
});
