// Chart 3.50's custom CA and system configuration (docs/chart-3.50.md §4, §11.2) as the wizard
// writes them render with chart-3.50/ under helm v4 and v3: Secret <rel>-custom-ca-certificate
// and ConfigMap <rel>-system-config exactly when answered, Keycloak's trust store from the
// answered Secret, and the configuration decoded as Lightrun sent it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validAnswers } from '../../lib/answers/__fixtures__/valid-answers';
import { validateAnswers, type Answers } from '../../lib/answers';
import { renderYaml } from '../../lib/values';
import { cleanup350, render350 } from './chart350';
import { find, helmBinaries, maybe, names, podSpec } from './helm';

afterAll(cleanup350);
const REL = 'acme';
const CA = readFileSync(path.join(__dirname, '../../e2e/fixtures/ldap-ca.crt'), 'utf8');
const JSON_TEXT = '{"features":{"x":true}}';
const SC = { content: btoa(JSON_TEXT), signature: btoa('signature') };

function plan(chart: Answers['chart'], patch: Partial<Answers>): Answers {
  const a = { ...validAnswers(), chart, ...patch };
  if (a.secrets.mode === 'chart') a.secrets = { ...a.secrets, encryptionKey: btoa('k'.repeat(32)) };
  const r = validateAnswers(a);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const CASES: [string, Partial<Answers>][] = [
  ['nothing answered', {}],
  ['a pasted CA', { customCa: { mode: 'inline', pem: CA } }],
  ['an existing CA Secret', { customCa: { mode: 'existing', secretName: 'ldap-ca' } }],
  ['the system configuration', { systemConfig: SC }],
  ['both', { customCa: { mode: 'inline', pem: CA }, systemConfig: SC }],
];

describe.each(helmBinaries())('custom CA and system configuration with $name', (bin) => {
  const render = (a: Answers) => {
    const r = renderYaml(a, { splitSecrets: true });
    return render350(bin, [parse(r.values) as object, parse(r.secrets ?? '{}') as object], {
      release: REL,
    });
  };

  it.each(CASES)('%s: the Secret and the ConfigMap exactly when answered', (_w, patch) => {
    const o = render(plan('3.50.0', patch));
    const ca = maybe(o, 'Secret', `${REL}-custom-ca-certificate`);
    expect(!!ca).toBe(patch.customCa?.mode === 'inline');
    // data holds the value as given, so Keycloak's trust store gets the PEM file itself
    if (ca) expect(atob(ca.data!['custom-ca.pem']!)).toBe(CA);
    const cm = maybe(o, 'ConfigMap', `${REL}-system-config`);
    expect(!!cm).toBe(!!patch.systemConfig);
    if (cm) expect(cm.data).toEqual({ 'system_config.json': JSON_TEXT });
    const truststore = (podSpec(find(o, 'StatefulSet', `${REL}-keycloak`)).volumes ?? []).find(
      (v) => v.name === 'truststores',
    );
    const expected =
      patch.customCa?.mode === 'inline'
        ? `${REL}-custom-ca-certificate`
        : patch.customCa?.mode === 'existing'
          ? 'ldap-ca'
          : undefined;
    expect(truststore?.secret?.secretName).toBe(expected);
  });

  it('a 3.9.4 render of the same answers has neither (chart 3.9.4 has no such keys)', () => {
    // validation refuses these answers for 3.9.4; the render still never writes them
    const a = { ...plan('3.50.0', { customCa: { mode: 'inline', pem: CA }, systemConfig: SC }) };
    const r = renderYaml({ ...a, chart: '3.9.4' }, { splitSecrets: true });
    expect(`${r.values}${r.secrets}`).not.toMatch(/customCa|system_config/);
    expect(names(render(a)).filter((n) => /custom-ca|system-config/.test(n))).toHaveLength(2);
  });
});
