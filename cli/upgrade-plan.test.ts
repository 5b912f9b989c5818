import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { RELEASES_394 } from '../lib/upgrade/__fixtures__/releases';
import { translateTo350 } from '../lib/upgrade/translate';
import { upgradePlan } from '../lib/upgrade/plan';
import { dryRunText, planText, runUpgradePlan } from './upgrade-plan';

const dir = mkdtempSync(path.join(tmpdir(), 'lw-upgrade-plan-'));
const file = (name: string, v: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, stringify(v));
  return f;
};
const run = async (...args: string[]) => {
  let out = '';
  let err = '';
  const code = await runUpgradePlan(
    ['upgrade-plan', ...args],
    (s) => void (out += s),
    (s) => void (err += s),
  );
  return { code, out, err };
};

describe('cli upgrade-plan', () => {
  it('prints the plan of a release and writes the translated values 0600 with --out-dir', async () => {
    const out = path.join(dir, 'out');
    const r = await run('--values', file('u4.yaml', RELEASES_394.U4), '--out-dir', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Upgrade plan: chart 3\.9\.4 → 3\.50\.0/);
    expect(r.out).toContain('Scale StatefulSet <release>-mq to 0');
    expect(r.out).toContain('What cannot be undone:');
    const written = path.join(out, 'values-3.50.yaml');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(written, 'utf8'))).toEqual(translateTo350(RELEASES_394.U4).values);
    expect(r.err).toContain('keep it out of version control');
  });

  it('never prints a value of the release (passwords, license, certificate)', async () => {
    const v = RELEASES_394.U1 as { secrets: { db: { password: string } } };
    const r = await run('--values', file('u1.yaml', v));
    expect(r.code).toBe(0);
    expect(v.secrets.db.password.length).toBeGreaterThan(4);
    expect(r.out + r.err).not.toContain(v.secrets.db.password);
  });

  it('refuses what is no 3.9.4 release: no file, a 3.50 file, an unknown flag', async () => {
    expect(await run()).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^--values: needs the file/),
    });
    const r350 = await run('--values', file('new.yaml', { general: { crons: { enabled: true } } }));
    expect(r350.code).toBe(2);
    expect(r350.err).toContain('already for chart 3.50');
    expect(r350.out).toBe('');
    expect(await run('--value', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^--value: unknown option/),
    });
  });

  it('does not replace an existing values-3.50.yaml without --force', async () => {
    const out = path.join(dir, 'twice');
    const f = file('u2.yaml', RELEASES_394.U2);
    expect((await run('--values', f, '--out-dir', out)).code).toBe(0);
    const again = await run('--values', f, '--out-dir', out);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists: nothing was written');
    expect((await run('--values', f, '--out-dir', out, '--force')).code).toBe(0);
  });

  it('--json prints the plan without the translated values', async () => {
    const v = RELEASES_394.U4 as { secrets: { db: { password: string } } };
    const r = await run('--values', file('u4j.yaml', v), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({ from: '3.9.4', to: '3.50.0' });
    expect(Object.keys(j)).not.toContain('values');
    expect((j.steps as Array<{ id: string }>).map((s) => s.id)).toContain(
      'delete-mq-statefulset-and-pvc',
    );
    expect(r.out).not.toContain(v.secrets.db.password);
    const text = await run('--values', file('u4t.yaml', v));
    expect(text.out).not.toMatch(/^\{/);
  });

  it('refuses --values together with --release', async () => {
    const r = await run('--values', file('u1x.yaml', RELEASES_394.U1), '--release', 'acme');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--values: reads a values file/);
    expect(r.out).toBe('');
  });

  it('the text names the objects, the claims kept with their UID, those at risk and what users notice', () => {
    const sts = (tpl: string) =>
      `---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: acme-mq}\nspec: {serviceName: acme-mq, volumeClaimTemplates: [${tpl}]}\n`;
    const lb = (n: string) =>
      `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${n}}\nspec: {type: LoadBalancer}\n`;
    const plan = upgradePlan(RELEASES_394.U4, undefined, {
      current: sts('{metadata: {name: data}}') + lb('acme-nginx'),
      target: sts('') + lb('acme-router'),
      claims: [{ name: 'data-acme-mq-0', uid: 'u-1' }],
    });
    const text = planText(plan, {
      release: { name: 'acme', namespace: 'ns', revision: 3, chart: 'lightrun-0.1.0' },
    });
    expect(text).toContain('Release acme in ns: revision 3, chart lightrun-0.1.0');
    expect(text).toContain('  deleted (1): Service/acme-nginx');
    expect(text).toContain('  created (1): Service/acme-router');
    expect(text).toMatch(/FAILS StatefulSet\/acme-mq: .*spec\.volumeClaimTemplates/);
    expect(text).toMatch(/Claims at risk:\n {2}- data-acme-mq-0 \(UID u-1\)/);
    expect(text).toContain(
      'Service acme-router (LoadBalancer) is new: new address: DNS must change.',
    );
    expect(planText(upgradePlan(RELEASES_394.U4))).not.toContain('Claims kept');
  });
});

describe("the API server's dry run in the plan's text", () => {
  it('all accepted in one line; each refusal with its object and message', () => {
    expect(dryRunText({ accepted: 3, refused: [] })).toEqual([
      '',
      "The API server's dry run of the 3 changed objects: all accepted.",
    ]);
    expect(
      dryRunText({
        accepted: 2,
        refused: [{ kind: 'StatefulSet', name: 'acme-mq', message: 'HTTP 422: Forbidden' }],
      }),
    ).toEqual([
      '',
      "The API server's dry run of the 3 changed objects: 1 refused — helm's upgrade would fail on each:",
      '  - StatefulSet/acme-mq: HTTP 422: Forbidden',
    ]);
  });
});
