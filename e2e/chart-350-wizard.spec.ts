// Issue 27: the chart version is an answer on the first step. With chart 3.50.0 the preview and
// Review show the 3.50 render (lib/values), the encryption key is a secret like the others (masked,
// in secrets.yaml, never in browser storage), the helm command names 3.50.0, and the install
// panel offers the charts of the 3.50 profile (Lightrun's 3.50.0, the bundled chart-3.50/).
// Back to 3.9.4, everything is 3.9.4 again. The install itself: e2e/install-350.spec.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseValuesYaml } from '../lib/values/to-yaml';
import { checkValues } from '../lib/values/check';
import {
  SECRETS,
  browserStorageDump,
  cliRender,
  expect,
  pageProblems,
  root,
  test,
} from './fixtures';

const TAG_350 = '1.91.0-release.943266f167';

test('quick path with chart 3.50.0: 3.50 render, encryption key as a secret, the 3.50 charts to install; back to 3.9.4', async ({
  wizard,
  page,
}) => {
  // the 3.50 walk logs no error (e2e/first-impression.spec.ts) and installs nothing by itself
  const problems = pageProblems(page);
  page.on('request', (r) => {
    if (/\/api\/install/.test(r.url())) problems.push(`asked ${r.url()}`);
  });
  await wizard.open();
  // 3.9.4 stays the default for now; an existing plan means the same as before
  await expect(page.getByTestId('choice-chart-3.9.4')).toBeChecked();
  await expect(page.getByTestId('yaml-preview')).toContainText('lightrun chart 3.9.4');

  await wizard.choose('chart', '3.50.0');
  const preview = page.getByTestId('yaml-preview');
  await expect(preview).toContainText('lightrun chart 3.50.0');
  await expect(preview).toContainText('keysEncryption');
  await expect(preview).toContainText(TAG_350);
  await expect(preview).not.toContainText('ingress_clients');
  await expect(preview).not.toContainText('nginx_svc');
  // chart 3.50's file names the Lightrun version it pairs with: no field for it
  await expect(wizard.field('general.lightrunVersion')).toHaveCount(0);
  await wizard.shoot('chart350-01-endpoint');

  // chart 3.50 has the queue on by default: a plan whose queue is not chosen yet follows it
  await expect(preview).toContainText(/mq:\s+enabled: true\s+local: true/);
  await wizard.quickPath('c350.lightrun.example.com');
  await wizard.next('database');
  await wizard.next('message-queue');
  await expect(page.getByTestId('choice-messageQueue.mode-local')).toBeChecked();
  await wizard.next('external-access');
  await expect(page.getByTestId('exposure-350')).toContainText('the router is the only way in');
  await expect(page.getByTestId('exposure-350')).toContainText('lightrun-router');
  await expect(page.getByTestId('field-externalAccess.keepServerSnippet')).toHaveCount(0);
  // what is exposed: the router's Ingress, its ACLs, and the master realm 3.50 leaves open (T16)
  await expect(page.getByTestId('exposure-Keycloak admin console')).toContainText(
    'Ingress lightrun-router',
  );
  await expect(page.getByTestId('exposure-Keycloak admin console')).toContainText('Nobody');
  await expect(page.getByTestId('exposure-Keycloak master realm')).toContainText(
    'Anyone who reaches the endpoint',
  );
  await expect(page.getByTestId('exposure-summary')).not.toContainText('lightrun-clients');
  // the allow-list guards only /auth/admin with 3.50's router: the hint says no more
  await expect(page.getByTestId('panel-external-access')).toContainText(
    "for /auth/admin (the router's ACL)",
  );
  await expect(page.getByTestId('panel-external-access')).not.toContainText(
    'for /auth/admin and /auth/realms/master',
  );
  await wizard.shoot('chart350-05-external-access');
  await wizard.next('internal-tls');
  await wizard.next('security');
  await wizard.next('secrets');
  // the key generated once, masked like every secret; no AES key for 3.50
  const key = await wizard.field('secrets.encryptionKey').inputValue();
  expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  await expect(wizard.field('secrets.encryptionKey')).toHaveClass(/masked/);
  await expect(page.getByTestId('aes-not-350')).toContainText('Chart 3.50 has no AES key');
  await expect(page.getByTestId('field-apiKeysEncryption.enabled')).toHaveCount(0);
  await wizard.shoot('chart350-08-secrets');
  await wizard.next('sizing');
  await wizard.next('review');

  await expect(page.getByTestId('review-valid')).toBeVisible();
  const yaml = page.getByTestId('review-yaml');
  await expect(yaml).toContainText('userEncryptionKey: "********"');
  await expect(yaml).not.toContainText(key);
  await expect(page.getByTestId('helm-command')).toHaveText(
    'helm upgrade --install lightrun oci://registry-1.docker.io/lightruncom/lightrun-helm-chart --version 3.50.0 --namespace lightrun --create-namespace -f values.yaml',
  );
  // the complete file is chart 3.50's defaults with the answers over them, the key masked
  await page.getByTestId('mode-full').check();
  await expect(yaml).toContainText('# Complete file: chart 3.50.0 defaults');
  await expect(yaml).toContainText('userEncryptionKey: "********"');
  await expect(yaml).toContainText('queue_names:');
  await expect(yaml).not.toContainText(key);
  await page.getByTestId('mode-minimal').check();
  await expect(yaml).not.toContainText('# Complete file');
  // the install panel: Lightrun's chart at 3.50.0, or the bundled chart of the 3.50 profile
  await expect(page.getByTestId('chart-source')).toHaveValue('oci');
  await expect(page.getByTestId('chart-version')).toHaveValue('3.50.0');
  await expect(page.getByTestId('chart-hint')).toContainText('at 3.50.0;');
  await page.getByTestId('chart-source').selectOption('bundled');
  await expect(page.getByTestId('chart-hint')).toContainText('chart-3.50/');
  await page.getByTestId('chart-source').selectOption('oci');
  await expect(page.getByTestId('chart-version')).toHaveValue('3.50.0');
  await wizard.shoot('chart350-10-review');

  // the downloaded file: chart 3.50's, clean by 3.50's rules, the CLI's render byte for byte
  const values = await wizard.download('download-values');
  expect(values).toContain(`userEncryptionKey: "${key}"`);
  expect(values).toContain(SECRETS.license);
  expect(checkValues([parseValuesYaml(values)])).toEqual([]);
  const answers = await wizard.download('download-answers');
  expect(cliRender(answers)['values.yaml']).toBe(values);
  // split: the key goes with the secrets
  await page.getByTestId('split-secrets').check();
  const secrets = await wizard.download('download-secrets');
  expect(secrets).toContain(`userEncryptionKey: "${key}"`);
  expect(await wizard.download('download-values')).not.toContain(key);
  await page.getByTestId('split-secrets').uncheck();

  expect(problems).toEqual([]);

  // a reload keeps the chart, and no secret: the key is named among those to enter again
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('lost-secrets-list')).toContainText('Encryption key (chart 3.50)');
  const dump = await browserStorageDump(page);
  expect(dump).toContain('c350.lightrun.example.com');
  for (const s of [key, SECRETS.license, SECRETS.signature]) {
    expect(dump, `secret ${s.slice(0, 6)}… in storage`).not.toContain(s);
    expect(page.url()).not.toContain(s);
  }
  await wizard.step('endpoint');
  await expect(page.getByTestId('choice-chart-3.50.0')).toBeChecked();

  // back to 3.9.4: the 3.9.4 render and install panel again, and the key is no longer wanted
  await wizard.choose('chart', '3.9.4');
  await expect(preview).toContainText('lightrun chart 3.9.4');
  await expect(preview).not.toContainText('keysEncryption');
  await expect(preview).not.toContainText(TAG_350);
  await expect(page.getByTestId('lost-secrets-list')).not.toContainText('Encryption key');
  await wizard.step('secrets');
  await expect(page.getByTestId('field-apiKeysEncryption.enabled')).toBeVisible();
  await expect(wizard.field('secrets.encryptionKey')).toHaveCount(0);
  await wizard.step('review');
  await expect(page.getByTestId('helm-command')).toContainText('--version 3.9.4');
  await expect(page.getByTestId('chart-source')).toBeVisible();
  await expect(page.getByTestId('chart-version')).toHaveValue('3.9.4');
  await expect(page.getByTestId('exposure-Agents')).toContainText('Ingress lightrun-agents');
});

test('a values file for chart 3.50 imports as a 3.50 plan: said why, nothing kept aside, the same file back', async ({
  wizard,
  page,
}) => {
  // the quick-default example as a 3.50 plan, its file written by the CLI
  const answers = parse(
    readFileSync(path.join(root, 'examples', 'quick-default', 'answers.yaml'), 'utf8'),
  ) as Record<string, unknown>;
  const key = 'UHAQfP+tkn/kCax6InSSrYvP5eW+pD1JTTC/6KxDTz8=';
  const plan = {
    ...answers,
    chart: '3.50.0',
    secrets: { ...(answers.secrets as object), encryptionKey: key },
  };
  const file = cliRender(JSON.stringify(plan))['values.yaml']!;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-350-'));
  writeFileSync(path.join(dir, 'values.yaml'), file, { mode: 0o600 });

  await wizard.open();
  await page.getByTestId('import-values').setInputFiles(path.join(dir, 'values.yaml'));
  await expect(page.getByTestId('panel-review')).toBeVisible();
  await expect(page.getByTestId('import-notes')).toContainText(
    "Read as a file for Lightrun's chart 3.50",
  );
  await expect(page.getByTestId('import-findings-none')).toHaveText(
    'As written, the file breaks no rule of chart 3.50.0 the wizard checks.',
  );
  // no warning of chart 3.9.4's: its router sentence, its paired Lightrun version
  await expect(page.getByTestId('panel-review')).not.toContainText('chart 3.9.4 is the single');
  await expect(page.getByTestId('panel-review')).not.toContainText('Chart 3.9.4 is paired');
  await expect(page.getByTestId('chart-version')).toHaveValue('3.50.0');
  await wizard.shoot('chart350-10-imported');
  // the plan is a 3.50 plan (persisted without secrets), and its file has the imported one's effect
  const saved = JSON.parse(
    (await page.evaluate(() => localStorage.getItem('lightrun-wizard:v1'))) ?? '{}',
  ) as { answers?: { chart?: string } };
  expect(saved.answers?.chart).toBe('3.50.0');
  expect(JSON.stringify(saved)).not.toContain(key);
  const back = await wizard.download('download-values');
  expect(checkValues([parseValuesYaml(back)])).toEqual([]);
  expect(parseValuesYaml(back)).toMatchObject({
    secrets: { keysEncryption: { userEncryptionKey: key } },
  });
  await wizard.step('endpoint');
  await expect(page.getByTestId('choice-chart-3.50.0')).toBeChecked();
});
