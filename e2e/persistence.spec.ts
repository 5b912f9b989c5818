import { SECRETS, browserStorageDump, expect, fixture, test } from './fixtures';

test('reload keeps the non-secret answers, and no secret reaches any browser storage or URL', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.quickPath('persist.lightrun.example.com');
  await wizard.step('database');
  await wizard.choose('database.mode', 'external');
  await wizard.field('database.endpoint').fill('mysql.persist.example.com');
  await wizard.field('database.password').fill('DbSecret-e2e-4417');
  await wizard.step('message-queue');
  await wizard.choose('messageQueue.mode', 'local');
  const mqPassword = await wizard.field('messageQueue.password').inputValue();
  await wizard.step('secrets');
  await wizard.field('secrets.keycloakPassword').fill('Keycloak-e2e-secret-8812');
  await page.getByTestId('field-apiKeysEncryption.enabled').check();
  await page.getByTestId('generate-aes').click();
  const aes = await wizard.field('apiKeysEncryption.aesKey').inputValue();
  expect(aes).toMatch(/^[0-9a-f]{32}$/);
  const keystore = await wizard.field('secrets.keystorePassword').inputValue();
  const keyBody = fixture('server.key').split('\n')[3]!;
  const secrets = [
    SECRETS.license,
    SECRETS.signature,
    'DbSecret-e2e-4417',
    'Keycloak-e2e-secret-8812',
    aes,
    mqPassword,
    keystore,
    keyBody,
  ];
  await page.waitForTimeout(400);

  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('panel-secrets')).toBeVisible();
  await expect(page.getByTestId('field-apiKeysEncryption.enabled')).toBeChecked();
  await expect(wizard.field('apiKeysEncryption.aesKey')).toHaveValue('');
  await wizard.step('endpoint');
  await expect(wizard.field('general.endpoint')).toHaveValue('persist.lightrun.example.com');
  await expect(wizard.field('license.content')).toHaveValue('');
  await wizard.step('database');
  await expect(wizard.field('database.endpoint')).toHaveValue('mysql.persist.example.com');
  await expect(wizard.field('database.password')).not.toHaveValue('DbSecret-e2e-4417');
  await wizard.step('message-queue');
  await expect(page.getByTestId('choice-messageQueue.mode-local')).toBeChecked();

  const dump = await browserStorageDump(page);
  expect(dump).toContain('persist.lightrun.example.com');
  for (const s of secrets) {
    expect(dump, `secret ${s.slice(0, 6)}… in storage`).not.toContain(s);
    expect(page.url()).not.toContain(s);
  }
  expect(await page.context().cookies()).toEqual([]);
});
