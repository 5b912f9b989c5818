// Issue 27: the answers only chart 3.50 has — a custom CA for LDAPS on Secrets & API keys and the
// signed system configuration under the license — shown for a 3.50 plan only, each rule refused
// on its field with what to do (docs/chart-3.50.md F2, T11; the CA read on the server), written
// to the file as the CLI writes it, and cleared when the plan goes back to 3.9.4.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkValues } from '../lib/values/check';
import { parseValuesYaml } from '../lib/values/to-yaml';
import { SECRETS, cliRender, expect, pageProblems, test } from './fixtures';

const fixture = (f: string) => readFileSync(path.join(__dirname, 'fixtures', f), 'utf8');
const CA = fixture('ldap-ca.crt');
const CONFIG_JSON = '{"features":{"x":true}}';
const CONTENT = Buffer.from(CONFIG_JSON).toString('base64');
const SIGNATURE = Buffer.from('signature-bytes').toString('base64');

test('chart 3.50: custom CA and system configuration, refused where wrong, written as the CLI writes them; gone for 3.9.4', async ({
  wizard,
  page,
}) => {
  const problems = pageProblems(page);
  await wizard.open();
  // a 3.9.4 plan has neither
  await expect(page.getByText('System configuration from Lightrun (optional)')).toHaveCount(0);
  await wizard.choose('chart', '3.50.0');
  const preview = page.getByTestId('yaml-preview');

  // the system configuration, under the license: the JSON is refused, the base64 taken
  await page.getByText('System configuration from Lightrun (optional)').click();
  await wizard.field('systemConfig.content').fill(CONFIG_JSON);
  await wizard.field('systemConfig.signature').fill(SIGNATURE);
  await expect(wizard.error('systemConfig.content')).toContainText(
    'paste the base64 text Lightrun sent, not the JSON',
  );
  await wizard.field('systemConfig.content').fill(CONTENT);
  await expect(wizard.error('systemConfig.content')).toHaveCount(0);
  // one part alone does nothing: refused, naming the missing one
  await wizard.field('systemConfig.signature').fill('');
  await expect(wizard.error('systemConfig.signature')).toContainText('required with the other one');
  await wizard.field('systemConfig.signature').fill(SIGNATURE);
  await expect(wizard.error('systemConfig.signature')).toHaveCount(0);
  await expect(preview).toContainText('system_config:');
  await expect(preview).toContainText(CONTENT);
  await wizard.quickPath('c350.lightrun.example.com');
  await wizard.step('endpoint');
  await page
    .locator('details.more', { hasText: 'System configuration from Lightrun' })
    .evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await wizard.shoot('chart350-only-01-system-config');

  // the custom CA on Secrets & API keys: a server certificate is refused, the CA taken
  await wizard.step('secrets');
  await expect(page.getByTestId('choice-customCa.mode-none')).toBeChecked();
  await wizard.choose('customCa.mode', 'inline');
  await wizard.upload('upload-customCa.pem', 'ldap.crt', fixture('ldap-server.crt'));
  await expect(wizard.error('customCa.pem')).toContainText('is not a CA certificate');
  await wizard.upload('upload-customCa.pem', 'ca.crt', CA);
  await expect(wizard.error('customCa.pem')).toHaveCount(0);
  await expect(preview).toContainText('customCaCertificate: "********"');
  // with the Secrets outside the chart a pasted CA has no Secret to go in (F2)
  await wizard.choose('secrets.mode', 'existing');
  await expect(wizard.error('customCa.mode')).toContainText(
    'with the Secrets outside the chart the chart does not create the CA Secret',
  );
  await wizard.shoot('chart350-only-08-custom-ca-refused');
  await wizard.choose('customCa.mode', 'existing');
  await wizard.field('customCa.secretName').fill('ldap-ca');
  await expect(wizard.error('customCa.mode')).toHaveCount(0);
  await expect(preview).toContainText('existingCaSecret: "ldap-ca"');
  // back to the chart's Secrets and the pasted CA
  await wizard.choose('secrets.mode', 'chart');
  await wizard.choose('customCa.mode', 'inline');
  await wizard.upload('upload-customCa.pem', 'ca.crt', CA);
  await expect(wizard.error('customCa.pem')).toHaveCount(0);
  await wizard.shoot('chart350-only-08-custom-ca');

  // Endpoint again: the license was emptied with the Secrets outside the chart
  await wizard.step('endpoint');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await page.getByTestId('split-secrets').check();
  const values = await wizard.download('download-values');
  const secrets = await wizard.download('download-secrets');
  const answers = await wizard.download('download-answers');
  // the CA goes with the secrets (chart-3.50.md §9), the configuration with the values
  expect(parseValuesYaml(secrets)).toMatchObject({
    secrets: { customCa: { customCaCertificate: Buffer.from(CA).toString('base64') } },
  });
  expect(values).not.toContain('customCa');
  expect(parseValuesYaml(values)).toMatchObject({
    general: { system_config: { content: CONTENT, signature: SIGNATURE } },
  });
  const cli = cliRender(answers, ['--split-secrets']);
  expect(cli['values.yaml']).toBe(values);
  expect(cli['secrets.yaml']).toBe(secrets);
  expect(checkValues([parseValuesYaml(values), parseValuesYaml(secrets)])).toEqual([]);
  await page.getByTestId('split-secrets').uncheck();
  await wizard.shoot('chart350-only-10-review');

  // back to 3.9.4: both cleared and no field for them, the plan valid
  await wizard.step('endpoint');
  await wizard.choose('chart', '3.9.4');
  await expect(page.getByText('System configuration from Lightrun (optional)')).toHaveCount(0);
  await expect(preview).not.toContainText('system_config');
  await expect(preview).not.toContainText('customCa');
  await wizard.step('secrets');
  await expect(page.getByTestId('choice-customCa.mode-none')).toHaveCount(0);
  await wizard.step('review');
  const back = JSON.parse(await wizard.download('download-answers')) as Record<string, unknown>;
  expect(back).toMatchObject({
    chart: '3.9.4',
    customCa: { mode: 'none' },
    systemConfig: { content: '', signature: '' },
  });
  // the CLI takes the 3.9.4 plan (it refuses a 3.9.4 plan that sets either)
  expect(cliRender(JSON.stringify(back))['values.yaml']).not.toMatch(/customCa|system_config/);
  expect(problems).toEqual([]);
});

test('chart 3.50: internal TLS from my certificates asks for the artifacts Secret, refused empty; gone for 3.9.4', async ({
  wizard,
  page,
}) => {
  const problems = pageProblems(page);
  await wizard.open();
  await wizard.choose('chart', '3.50.0');
  await wizard.quickPath('tls350.lightrun.example.com');
  await wizard.step('internal-tls');
  await wizard.choose('internalTls.mode', 'existing');
  for (const c of ['frontend', 'keycloak', 'keycloakCluster', 'redis', 'rabbitmq'])
    if (await wizard.field(`internalTls.certificates.${c}`).count())
      await wizard.field(`internalTls.certificates.${c}`).fill('lightrun-internal-tls');
  // T6: the artifacts pod serves TLS too, so its Secret is required and refused empty
  await expect(wizard.field('internalTls.certificates.artifacts')).toBeVisible();
  await expect(wizard.error('internalTls.certificates.artifacts')).toContainText(
    'name the TLS Secret of the artifacts pod',
  );
  await wizard.field('internalTls.certificates.artifacts').fill('lightrun-artifacts-tls');
  await expect(wizard.error('internalTls.certificates.artifacts')).toHaveCount(0);
  await wizard.shoot('chart350-only-04-internal-tls-artifacts');
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  const values = parseValuesYaml(await wizard.download('download-values')) as {
    general: { internal_tls: { certificates: { existing_certificates: Record<string, string> } } };
  };
  expect(values.general.internal_tls.certificates.existing_certificates.artifacts).toBe(
    'lightrun-artifacts-tls',
  );
  expect(cliRender(await wizard.download('download-answers'))['values.yaml']).toBe(
    await wizard.download('download-values'),
  );
  // back to 3.9.4: no artifacts pod, no field, no key
  await wizard.step('endpoint');
  await wizard.choose('chart', '3.9.4');
  await wizard.step('internal-tls');
  await expect(wizard.field('internalTls.certificates.artifacts')).toHaveCount(0);
  await expect(page.getByTestId('yaml-preview')).not.toContainText('lightrun-artifacts-tls');
  expect(problems).toEqual([]);
});
