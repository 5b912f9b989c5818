import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPem } from './inspect';

const fixture = (f: string) => readFileSync(path.join(__dirname, '../../e2e/fixtures', f), 'utf8');

describe('inspectPem', () => {
  it('reads subject, SANs and a matching key', () => {
    const r = inspectPem({ crt: fixture('server.crt'), key: fixture('server.key'), endpoint: 'lightrun.example.com' });
    expect(r).toMatchObject({ sans: ['lightrun.example.com', '*.lightrun.example.com'], keyMatches: true, warnings: [] });
  });
  it('flags a key of another certificate and an uncovered endpoint', () => {
    const r = inspectPem({ crt: fixture('server.crt'), key: fixture('other.key'), endpoint: 'x.example.org' });
    // Both warnings, each on its own: a regex accepting either one would pass with one missing.
    expect('warnings' in r && r.warnings).toEqual([
      expect.stringMatching(/^The certificate's SANs \(.*\) do not cover the endpoint x\.example\.org\.$/),
      expect.stringMatching(/^The private key does not belong to this certificate/),
    ]);
    expect(r).toMatchObject({ keyMatches: false });
  });
  it('flags an expired certificate', () => {
    const r = inspectPem({ crt: fixture('expired.crt'), key: fixture('expired.key'), endpoint: 'old.example.com' });
    expect('warnings' in r && r.warnings[0]).toMatch(/expired/);
  });
  it('explains garbage', () => {
    expect(inspectPem({ crt: 'hello', endpoint: '' })).toEqual({ error: expect.stringMatching(/No PEM certificate/) });
    expect(inspectPem({ crt: fixture('server.crt'), key: 'nope', endpoint: '' })).toEqual({ error: expect.stringMatching(/private key/) });
  });
});
