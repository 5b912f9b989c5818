import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { completeAnswers } from './branches';
import { validateAnswers, type Answers } from './schema';
import { SECRET_ANSWER_PATHS } from './secret-fields';
import { hasAnswersShape } from './shape';
import { stepOfPath } from './steps';

// Chart 3.50's certificate pinning (docs/chart-3.50.md §4): each rule refused at entry, on the
// field to change, saying what to do; both sides of every rule.
const fixture = (f: string) => readFileSync(path.join(__dirname, '../../e2e/fixtures', f), 'utf8');
const CRT = fixture('server.crt');
// openssl x509 -in e2e/fixtures/server.crt -pubkey -noout | openssl pkey -pubin -outform der | sha256sum
const PIN = '63c59d3ec5b2d2114fee646140d2dfea70302afdc5151e31e0781663f69244d6';
const OLD = 'ec774cb3791bfda3f6a7141da69c7c80e773e48afd98e562399e9192472f8dec';

function plan350(pin: Answers['certificatePinning'], patch: Partial<Answers> = {}): Answers {
  const a = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  a.certificate = { source: 'inline', crt: CRT, key: fixture('server.key') };
  return { ...a, certificatePinning: pin, ...patch };
}
const issues = (a: unknown) => {
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const existingCert = { certificate: { source: 'existing' as const, secretName: 'lightrun-tls' } };

describe('certificatePinning', () => {
  it('is optional: absent or off is valid, and has the answers shape', () => {
    expect(issues(plan350(undefined))).toEqual([]);
    expect(issues(plan350({ mode: 'off' }))).toEqual([]);
    expect(hasAnswersShape(plan350({ mode: 'rotation', hash: PIN, previous: [OLD] }))).toBe(true);
    expect(hasAnswersShape(plan350({ mode: 'both' } as never))).toBe(false);
  });

  it('pin this certificate, or it and the previous one: valid with the uploaded certificate', () => {
    expect(issues(plan350({ mode: 'current', hash: PIN }))).toEqual([]);
    expect(issues(plan350({ mode: 'rotation', hash: PIN, previous: [OLD] }))).toEqual([]);
  });

  it.each([
    ['63 hex digits', 'a'.repeat(63), /has 63 characters.*exactly 64 hex digits/],
    ['65 hex digits', 'a'.repeat(65), /has 65 characters.*exactly 64 hex digits/],
    ['64 characters, not all hex', `${'a'.repeat(63)}g`, /has 64 characters.*0-9, a-f/],
    ['uppercase', PIN.toUpperCase(), /lowercase, as sha256sum prints it/],
    ['with the sha256sum suffix', `${PIN}  -`, /has 67 characters/],
  ])('a current hash of %s is refused at the hash, saying what a pin is', (_w, hash, msg) => {
    const got = issues(plan350({ mode: 'current', hash }, existingCert));
    expect(got).toEqual([
      expect.stringMatching(/^certificatePinning\.hash: Pinned hash of the current certificate: /),
    ]);
    expect(got[0]).toMatch(msg);
  });

  it('64 lowercase hex digits pass (the boundary), for the current and a previous hash', () => {
    const h = '0123456789abcdef'.repeat(4);
    expect(issues(plan350({ mode: 'current', hash: h }, existingCert))).toEqual([]);
    expect(
      issues(plan350({ mode: 'rotation', hash: PIN, previous: [h, OLD] }, existingCert)),
    ).toEqual([]);
  });

  it('a bad previous hash is named by its place in the list', () => {
    const got = issues(plan350({ mode: 'rotation', hash: PIN, previous: [OLD, 'abc'] }));
    expect(got).toEqual([
      expect.stringMatching(
        /^certificatePinning\.previous\.1: Previous hash 2: it has 3 characters/,
      ),
    ]);
  });

  it('a rotation needs a previous hash', () => {
    expect(issues(plan350({ mode: 'rotation', hash: PIN, previous: [] }))).toEqual([
      'certificatePinning.previous: Previous certificate: enter its hash (or upload that certificate), or choose "Pin this certificate".',
    ]);
  });

  it('an existing certificate Secret and no hash: the wizard cannot read it, ask for file or hash', () => {
    expect(issues(plan350({ mode: 'current', hash: '' }, existingCert))).toEqual([
      expect.stringMatching(
        /^certificatePinning\.hash: .*cannot read Secret "lightrun-tls"\. Upload its certificate \(tls\.crt\) here .* or paste the hash \(openssl x509/,
      ),
    ]);
    // with a hash given, the wizard trusts it (it cannot compare)
    expect(issues(plan350({ mode: 'current', hash: OLD }, existingCert))).toEqual([]);
  });

  it('an uploaded certificate and no hash: required, with what to click', () => {
    expect(issues(plan350({ mode: 'current', hash: '' }))).toEqual([
      'certificatePinning.hash: Pinned hash of the current certificate: required — click "Use the uploaded certificate", or choose "Off".',
    ]);
  });

  it("a list without the uploaded certificate's hash would lock every agent out", () => {
    const lock = [
      `certificatePinning.hash: No pinned hash is the uploaded certificate's (${PIN}): the server would be pinned to another key and every agent locked out. Click "Use the uploaded certificate", or upload the certificate the hash belongs to.`,
    ];
    expect(issues(plan350({ mode: 'current', hash: OLD }))).toEqual(lock);
    expect(issues(plan350({ mode: 'rotation', hash: OLD, previous: [OLD] }))).toEqual(lock);
    // anywhere in the list is enough (an imported file may list the current one later)
    expect(issues(plan350({ mode: 'rotation', hash: OLD, previous: [PIN] }))).toEqual([]);
  });

  it('chart 3.9.4 has none: refused at the choice; off is fine', () => {
    const a = { ...validAnswers(), certificatePinning: { mode: 'current' as const, hash: PIN } };
    expect(issues(a)).toEqual([
      'certificatePinning.mode: Chart 3.9.4 has no certificate pinning list: choose "Off", or plan chart 3.50.0 (Endpoint & license).',
    ]);
    expect(issues({ ...validAnswers(), certificatePinning: { mode: 'off' } })).toEqual([]);
  });

  it('at most 16 previous hashes', () => {
    const many = Array.from({ length: 17 }, () => OLD);
    expect(issues(plan350({ mode: 'rotation', hash: PIN, previous: many })).join()).toMatch(
      /^certificatePinning\.previous: Keep at most 16 previous hashes\./,
    );
    expect(issues(plan350({ mode: 'rotation', hash: PIN, previous: many.slice(1) }))).toEqual([]);
  });

  it('completes a chosen branch, is no secret, and lives on the certificate step', () => {
    const c = completeAnswers({ ...plan350(undefined), certificatePinning: { mode: 'rotation' } });
    expect((c as Answers).certificatePinning).toEqual({ mode: 'rotation', hash: '', previous: [] });
    expect(SECRET_ANSWER_PATHS.filter((p) => p.startsWith('certificatePinning'))).toEqual([]);
    expect(stepOfPath(['certificatePinning', 'hash'])).toBe('certificate');
  });
});
