import { expect, test } from './fixtures';

test('after a reload no password is regenerated: the wizard names each secret to re-enter, and makes new ones only on request', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.quickPath('reload.lightrun.example.com');
  await wizard.step('database');
  const dbPassword = await wizard.field('database.password').inputValue();
  expect(dbPassword).toMatch(/^[A-Za-z0-9]{24}$/);
  await expect(page.locator('#f-database-password-hint')).toHaveText(
    'Generated in your browser; MySQL is created with it at the first install and keeps it.',
  );
  await wizard.step('secrets');
  const keycloak = await wizard.field('secrets.keycloakPassword').inputValue();
  await page.waitForTimeout(400);

  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveText([
    'Private key of the server certificate',
    'Database password',
    'Database user',
    'License content',
    'License signature',
    'Keycloak admin / first-login password',
    'Backend keystore password',
  ]);
  await expect(page.getByTestId('lost-secrets')).toContainText(
    'The page was reloaded: 7 secrets are gone and must be entered again.',
  );
  // nothing was silently made up
  await expect(wizard.field('secrets.keycloakPassword')).toHaveValue('');
  await expect(page.getByTestId('generated-note')).not.toContainText('generated');
  await page
    .getByTestId('lost-secrets-list')
    .getByRole('button', { name: 'Database password' })
    .click();
  await expect(page.getByTestId('panel-database')).toBeVisible();
  await expect(wizard.field('database.password')).toHaveValue('');
  await expect(page.locator('#f-database-password-hint')).toHaveText(
    'MySQL is created with it at the first install and keeps it: for an upgrade, enter the password it was installed with.',
  );
  await wizard.shoot('r03-database-after-reload');
  // switching branches back and forth does not make up a password either
  await wizard.choose('database.mode', 'external');
  await wizard.choose('database.mode', 'local');
  await expect(wizard.field('database.password')).toHaveValue('');
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveCount(7);

  // re-entering one takes it off the list
  await wizard.field('database.password').fill(dbPassword);
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveCount(6);

  // new values only when asked, and only for what the chart creates (not the license or the key)
  await page.getByTestId('regenerate-secrets').click();
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveText([
    'Private key of the server certificate',
    'License content',
    'License signature',
  ]);
  await expect(wizard.field('database.password')).toHaveValue(dbPassword);
  await wizard.step('secrets');
  const fresh = await wizard.field('secrets.keycloakPassword').inputValue();
  expect(fresh).toMatch(/^[A-Za-z0-9]{24}$/);
  expect(fresh).not.toBe(keycloak);

  // a second reload still names the secrets not yet re-entered
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveText([
    'Private key of the server certificate',
    'Database password',
    'Database user',
    'License content',
    'License signature',
    'Keycloak admin / first-login password',
    'Backend keystore password',
  ]);
});

test('"Start over" asks first and keeps everything on cancel', async ({ wizard, page }) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('keep.lightrun.example.com');
  await page.getByTestId('start-over').click();
  const dialog = page.getByTestId('start-over-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Every answer and every secret in this page is cleared');
  await page.getByTestId('start-over-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(wizard.field('general.endpoint')).toHaveValue('keep.lightrun.example.com');
  await page.getByTestId('start-over').click();
  await page.getByTestId('start-over-confirm').click();
  await expect(wizard.field('general.endpoint')).toHaveValue('');
  await expect(page.getByTestId('lost-secrets')).toHaveCount(0);
});
