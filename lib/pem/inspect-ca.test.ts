import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_CERT, validAnswers } from '../answers/__fixtures__/valid-answers';
import { validateAnswers, type Answers } from '../answers/schema';
import { inspectCaCertificate } from './inspect';

// Chart 3.50's custom CA (docs/chart-3.50.md §4) read on the server: a CA certificate or refused.
const fixture = (f: string) => readFileSync(path.join(__dirname, '../../e2e/fixtures', f), 'utf8');
const CA = fixture('ldap-ca.crt');

function plan350(patch: Partial<Answers> = {}): Answers {
  const a = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  return { ...a, ...patch };
}
const issues = (a: unknown, opts = {}) => {
  const r = validateAnswers(a, opts);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('inspectCaCertificate', () => {
  it('on the server it must read as a CA certificate (basic constraints CA:TRUE)', () => {
    const opts = { inspectCaCertificate };
    expect(issues(plan350({ customCa: { mode: 'inline', pem: CA } }), opts)).toEqual([]);
    expect(issues(plan350({ customCa: { mode: 'inline', pem: FAKE_CERT } }), opts)).toEqual([
      'customCa.pem: CA certificate: The certificate could not be read: it is not a valid X.509 certificate in PEM.',
    ]);
    const leaf = fixture('ldap-server.crt');
    expect(issues(plan350({ customCa: { mode: 'inline', pem: leaf } }), opts)).toEqual([
      "customCa.pem: CA certificate: The certificate (CN=ldap.example.com) is not a CA certificate: paste the certificate of the CA that signed your LDAP server's certificate, not the server's own.",
    ]);
    expect(issues(plan350({ customCa: { mode: 'inline', pem: `${CA}${leaf}` } }), opts)[0]).toMatch(
      /Certificate 2 of 2 \(CN=ldap\.example\.com\) is not a CA/,
    );
    // also found when another part of the plan is malformed
    const bad = { ...plan350({ customCa: { mode: 'inline', pem: leaf } }), release: 3 };
    expect(issues(bad, opts).join('\n')).toMatch(/customCa\.pem: .*not a CA certificate/);
  });
});
