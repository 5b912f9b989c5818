import { describe, expect, it } from 'vitest';
import { BRANCHES, completeAnswers } from './branches';
import { validAnswers } from './__fixtures__/valid-answers';
import { LIGHTRUN_VERSION } from './constants';
import { defaultAnswers, withGeneratedSecrets } from './defaults';
import { imageTagWarning, warningsFor } from './warnings';
import { validateAnswers } from './schema';

describe('defaultAnswers: what a person must supply starts empty', () => {
  it('the endpoint, license, certificate and every credential are empty text', () => {
    const a = defaultAnswers();
    expect(a.general.endpoint).toBe('');
    expect(a.license).toEqual({ content: '', signature: '' });
    expect(a.certificate).toEqual({ source: 'inline', crt: '', key: '' });
    expect([a.database.user, a.database.password]).toEqual(['', '']);
    expect((a.database as { storage?: unknown }).storage).toEqual({
      kind: 'persistent',
      storageClassName: '',
      size: '100Gi',
      whenDeleted: '',
      whenScaled: '',
    });
    expect(a.secrets).toEqual({
      mode: 'chart',
      keycloakPassword: '',
      keystorePassword: '',
      mailPassword: '',
      googleClientId: '',
      googleClientSecret: '',
      datadogApiKey: '',
      mixpanelToken: '',
      hubspotToken: '',
    });
  });

  it('so the defaults alone fail validation exactly on what must be supplied', () => {
    const r = validateAnswers(defaultAnswers());
    expect(r.success).toBe(false);
    const paths = new Set(r.success ? [] : r.issues.map((i) => i.path.join('.')));
    for (const p of [
      'general.endpoint',
      'license.content',
      'license.signature',
      'certificate.crt',
      'certificate.key',
    ])
      expect(paths, p).toContain(p);
  });
});

describe('completeAnswers: the default branch of every choice', () => {
  // Why naming the default branch in a file keeps the section's defaults: each choice's default
  // branch equals the section defaults (so taking the branch default or the section default is the
  // same; see scripts/mutate/equivalent.json for the mutant this makes equivalent).
  it('equals the section of the defaults it stands for', () => {
    const d = defaultAnswers() as unknown as Record<string, unknown>;
    const checked: string[] = [];
    const skipped: string[] = [];
    for (const [path, { key, options }] of Object.entries(BRANCHES)) {
      let cur: unknown = d;
      for (const k of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[k];
      // messageQueue.storage: not in the default (MQ off) answers; customCa, workloads and
      // certificatePinning (chart 3.50): absent until answered
      if (cur === undefined) {
        skipped.push(path);
        continue;
      }
      const section = cur as Record<string, unknown>;
      expect(options[String(section[key])], path).toEqual(section);
      checked.push(path);
    }
    expect(skipped).toEqual([
      'messageQueue.storage',
      'customCa',
      'workloads.heapDumps',
      'certificatePinning',
    ]);
    expect(checked.length).toBe(Object.keys(BRANCHES).length - 4);
  });

  it('a null section is kept as given (validation reports it), not merged as an object', () => {
    const a = completeAnswers({ general: null, database: { storage: null } }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(a.general).toBeNull();
    expect(a.database!.storage).toBeNull();
    expect(a.database!.mode).toBe('local');
  });
});

describe('withGeneratedSecrets keeps a database user that is set', () => {
  it('a user of its own stays; only the empty password is generated', () => {
    const a = defaultAnswers();
    (a.database as { user: string }).user = 'owner';
    const out = withGeneratedSecrets(a, () => 'tok');
    expect([out.database.user, out.database.password]).toEqual(['owner', 'tok']);
  });
});

describe('image tag warning: exact texts, the version read only from the start', () => {
  const paired = `Chart 3.9.4 is paired with ${LIGHTRUN_VERSION}.`;
  it.each([
    [
      'v1.41.0',
      `The tag "v1.41.0" has no leading version (X.Y.Z): the chart then treats Keycloak as 1.38.0 and probes it on /auth port 9080, which a newer Keycloak image does not answer the same way. ${paired}`,
    ],
    ['10.0.0', `The tag differs from the version the vendor pairs with this chart. ${paired}`],
    [
      '1.41.10',
      `With 1.41.10 (below 1.42.0) the chart probes Keycloak on /auth port 9080 instead of its health endpoints on port 9000. ${paired}`,
    ],
    [
      '1.37.12-x',
      `With 1.37.12 (below 1.38.0) the chart configures Keycloak with KC_HOSTNAME_URL and probes on /auth port 9080. ${paired}`,
    ],
  ])('%s', (tag, text) => {
    expect(imageTagWarning(tag)).toBe(text);
  });
  it('warningsFor shows it on general.lightrunVersion, and not for the paired tag', () => {
    const a = validAnswers();
    a.general.lightrunVersion = '1.41.0';
    expect(
      warningsFor(a)
        .filter((w) => w.path.join('.') === 'general.lightrunVersion')
        .map((w) => w.message),
    ).toEqual([imageTagWarning('1.41.0')]);
    a.general.lightrunVersion = LIGHTRUN_VERSION;
    expect(warningsFor(a).filter((w) => w.path.join('.') === 'general.lightrunVersion')).toEqual(
      [],
    );
  });
  it('a 3.50 plan gets none: its file names the version 3.50 pairs with', () => {
    const a = { ...validAnswers(), chart: '3.50.0' as const };
    a.general.lightrunVersion = '1.41.0';
    expect(warningsFor(a).filter((w) => w.path.join('.') === 'general.lightrunVersion')).toEqual(
      [],
    );
  });
});
