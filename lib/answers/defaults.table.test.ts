import { describe, expect, it } from 'vitest';
import { BRANCHES, completeAnswers } from './branches';
import { defaultAnswers } from './defaults';
import { validateAnswers } from './schema';

describe('defaultAnswers: what a person must supply starts empty', () => {
  it('the endpoint, license, certificate and every credential are empty text', () => {
    const a = defaultAnswers();
    expect(a.general.endpoint).toBe('');
    expect(a.license).toEqual({ content: '', signature: '' });
    expect(a.certificate).toEqual({ source: 'inline', crt: '', key: '' });
    expect([a.database.user, a.database.password]).toEqual(['', '']);
    expect((a.database as { storage?: unknown }).storage).toEqual({ kind: 'persistent', storageClassName: '', size: '100Gi', whenDeleted: '', whenScaled: '' });
    expect(a.secrets).toEqual({
      mode: 'chart', keycloakPassword: '', keystorePassword: '', mailPassword: '', googleClientId: '', googleClientSecret: '',
      datadogApiKey: '', mixpanelToken: '', hubspotToken: '',
    });
  });

  it('so the defaults alone fail validation exactly on what must be supplied', () => {
    const r = validateAnswers(defaultAnswers());
    expect(r.success).toBe(false);
    const paths = new Set(r.success ? [] : r.issues.map((i) => i.path.join('.')));
    for (const p of ['general.endpoint', 'license.content', 'license.signature', 'certificate.crt', 'certificate.key']) expect(paths, p).toContain(p);
  });
});

describe('completeAnswers: the default branch of every choice', () => {
  // Why naming the default branch in a file keeps the section's defaults: each choice's default
  // branch equals the section defaults (so taking the branch default or the section default is the
  // same; see scripts/mutate/equivalent.json for the mutant this makes equivalent).
  it('equals the section of the defaults it stands for', () => {
    const d = defaultAnswers() as unknown as Record<string, unknown>;
    const checked: string[] = [];
    for (const [path, { key, options }] of Object.entries(BRANCHES)) {
      let cur: unknown = d;
      for (const k of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[k];
      if (cur === undefined) continue; // messageQueue.storage: not in the default (MQ off) answers
      const section = cur as Record<string, unknown>;
      expect(options[String(section[key])], path).toEqual(section);
      checked.push(path);
    }
    expect(checked.length).toBe(Object.keys(BRANCHES).length - 1);
  });

  it('a null section is kept as given (validation reports it), not merged as an object', () => {
    const a = completeAnswers({ general: null, database: { storage: null } }) as Record<string, Record<string, unknown>>;
    expect(a.general).toBeNull();
    expect(a.database!.storage).toBeNull();
    expect(a.database!.mode).toBe('local');
  });
});
