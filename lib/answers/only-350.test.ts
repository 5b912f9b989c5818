import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { completeAnswers } from './branches';
import { validateAnswers, type Answers } from './schema';
import { SECRET_ANSWER_PATHS } from './secret-fields';
import { hasAnswersShape } from './shape';
import { stepOfPath } from './steps';

// Chart 3.50's custom CA for LDAPS and signed system configuration (docs/chart-3.50.md §4, F1,
// F2, T8, T11): each rule refused at entry, on the field to change, saying what to do.
const fixture = (f: string) => readFileSync(path.join(__dirname, '../../e2e/fixtures', f), 'utf8');
const CA = fixture('ldap-ca.crt');
const b64 = (s: string) => btoa(s);
const CONTENT = b64('{"features":{"x":true}}');
const SIGNATURE = b64('signature-bytes');

function plan350(patch: Partial<Answers> = {}): Answers {
  const a = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = b64('k'.repeat(32));
  return { ...a, ...patch };
}
const issues = (a: unknown, opts = {}) => {
  const r = validateAnswers(a, opts);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const outside = (a: Answers): Answers => ({
  ...a,
  secrets: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' },
  license: { content: '', signature: '' },
  certificate: { source: 'existing', secretName: 'tls' },
});

describe('customCa', () => {
  it('is optional: a plan without it, or with none, is valid and has the answers shape', () => {
    expect(issues(plan350())).toEqual([]);
    expect(issues(plan350({ customCa: { mode: 'none' } }))).toEqual([]);
    expect(hasAnswersShape(plan350({ customCa: { mode: 'existing', secretName: 'ca' } }))).toBe(
      true,
    );
    expect(hasAnswersShape(plan350({ customCa: { mode: 'both' } as never }))).toBe(false);
  });

  it('a pasted CA or an existing Secret is valid for 3.50', () => {
    expect(issues(plan350({ customCa: { mode: 'inline', pem: CA } }))).toEqual([]);
    expect(issues(plan350({ customCa: { mode: 'existing', secretName: 'ldap-ca' } }))).toEqual([]);
  });

  it('never both (F1): the answer is one choice, so a second key is refused by its shape', () => {
    const both = { mode: 'inline', pem: CA, secretName: 'ldap-ca' };
    expect(issues(plan350({ customCa: both as never })).join()).toMatch(/^customCa/);
  });

  it('chart 3.9.4 has none: refused at the choice, saying what to do', () => {
    const a = { ...validAnswers(), customCa: { mode: 'existing' as const, secretName: 'ca' } };
    expect(issues(a)).toEqual([
      'customCa.mode: Chart 3.9.4 has no custom CA: choose "none", or plan chart 3.50.0 (Endpoint & license).',
    ]);
    expect(issues({ ...validAnswers(), customCa: { mode: 'none' } })).toEqual([]);
  });

  it('pasted needs the chart Secrets (F2): with Secrets outside the chart, an existing Secret', () => {
    const a = outside(plan350({ customCa: { mode: 'inline', pem: CA } }));
    expect(issues(a)).toEqual([
      expect.stringMatching(
        /^customCa\.mode: Custom CA: with the Secrets outside the chart .*F2.*existing Secret/,
      ),
    ]);
    expect(issues(outside(plan350({ customCa: { mode: 'existing', secretName: 'ca' } })))).toEqual(
      [],
    );
  });

  it('never with self-signed internal TLS: pasted (T8) nor an existing Secret (T9)', () => {
    const selfSigned = (customCa: Answers['customCa']) =>
      plan350({
        customCa,
        internalTls: { mode: 'self-signed' },
        externalAccess: {
          mode: 'router',
          service: 'ingress',
          className: 'nginx',
          tls: false,
          adminAllowCidrs: [],
          metricsAllowCidrs: [],
        },
      });
    expect(issues(selfSigned({ mode: 'inline', pem: CA }))).toEqual([
      expect.stringMatching(/^customCa\.mode: .*pasted CA .*self-signed internal TLS.*T8/),
    ]);
    expect(issues(selfSigned({ mode: 'existing', secretName: 'ca' }))).toEqual([
      expect.stringMatching(/^customCa\.mode: .*CA Secret .*self-signed internal TLS.*T9/),
    ]);
    expect(issues(selfSigned({ mode: 'none' }))).toEqual([]);
  });

  it('the pasted text must be a PEM certificate (the certificate step’s own checks)', () => {
    const at = (pem: string) => issues(plan350({ customCa: { mode: 'inline', pem } }));
    expect(at('')).toEqual([expect.stringMatching(/^customCa\.pem: CA certificate: Required/)]);
    expect(at(b64(CA))).toEqual([expect.stringMatching(/^customCa\.pem: .*encoded in base64/)]);
    expect(at('-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----')).toEqual([
      expect.stringMatching(/^customCa\.pem: .*private key/),
    ]);
  });

  it('is not a secret answer (a public certificate), and belongs to the Secrets step', () => {
    expect(SECRET_ANSWER_PATHS.filter((p) => p.startsWith('customCa'))).toEqual([]);
    expect(stepOfPath(['customCa', 'pem'])).toBe('secrets');
  });

  it('a file naming only the mode gets that branch’s defaults', () => {
    expect((completeAnswers({ customCa: { mode: 'existing' } }) as Answers).customCa).toEqual({
      mode: 'existing',
      secretName: '',
    });
  });
});

describe('systemConfig', () => {
  const sc = (content: string, signature: string) =>
    issues(plan350({ systemConfig: { content, signature } }));

  it('both parts, or neither', () => {
    expect(sc(CONTENT, SIGNATURE)).toEqual([]);
    expect(sc('', '')).toEqual([]);
    expect(sc(CONTENT, '')).toEqual([
      'systemConfig.signature: System configuration signature: required with the other one — the chart ignores either alone. Paste both parts Lightrun sent, or clear both.',
    ]);
    expect(sc('', SIGNATURE)).toEqual([
      expect.stringMatching(/^systemConfig\.content: System configuration content: required/),
    ]);
  });

  it('base64, not the JSON it decodes to (T11)', () => {
    expect(sc('{"features":{"x":true}}', SIGNATURE)).toEqual([
      'systemConfig.content: System configuration content is not base64: paste the base64 text Lightrun sent, not the JSON (docs/chart-3.50.md T11).',
    ]);
    expect(sc(CONTENT, 'not base64!')).toEqual([
      expect.stringMatching(/^systemConfig\.signature: .*is not base64/),
    ]);
    // the content is base64 of JSON text: base64 of bytes that are no text is refused too, as
    // `cli check` refuses it; the signature is bytes
    const notText = btoa(String.fromCharCode(0xff, 0xfe, 0xfd));
    expect(sc(notText, SIGNATURE)).toEqual([
      expect.stringMatching(/^systemConfig\.content: .*is not base64/),
    ]);
    expect(sc(CONTENT, notText)).toEqual([]);
    // base64 wrapped over lines, as `base64` prints it, is still base64
    expect(sc(`${CONTENT.slice(0, 12)}\n${CONTENT.slice(12)}\n`, SIGNATURE)).toEqual([]);
  });

  it('chart 3.9.4 has none', () => {
    const a = { ...validAnswers(), systemConfig: { content: CONTENT, signature: SIGNATURE } };
    expect(issues(a)).toEqual([
      'systemConfig.content: Chart 3.9.4 has no system configuration: clear both fields, or plan chart 3.50.0.',
    ]);
    expect(issues({ ...validAnswers(), systemConfig: { content: '', signature: '' } })).toEqual([]);
  });

  it('is signed, not secret; on the Endpoint & license step', () => {
    expect(SECRET_ANSWER_PATHS.filter((p) => p.startsWith('systemConfig'))).toEqual([]);
    expect(stepOfPath(['systemConfig', 'content'])).toBe('endpoint');
  });
});
