import { cliRender, expect, test } from './fixtures';

test('quick path: endpoint, license and certificate give a valid file identical to the CLI render', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.shoot('01-endpoint-empty');
  // "Next" with nothing entered focuses the first error and says what to do.
  await page.getByTestId('next').click();
  await expect(wizard.error('general.endpoint')).toContainText('Required');
  await expect(wizard.field('general.endpoint')).toBeFocused();
  await wizard.field('general.endpoint').fill('https://lightrun.example.com');
  await expect(wizard.error('general.endpoint')).toContainText('without "https://"');
  await wizard.quickPath();
  await wizard.shoot('02-certificate');
  await expect(page.getByTestId('cert-sans')).toContainText('lightrun.example.com');

  // Every other step keeps the chart defaults; visit each and take its picture.
  for (const [id, n] of [
    ['database', '03'],
    ['message-queue', '04'],
    ['external-access', '05'],
    ['internal-tls', '06'],
    ['security', '07'],
    ['secrets', '08'],
    ['sizing', '09'],
  ] as const) {
    await page.getByTestId('next').click();
    await expect(page.getByTestId(`panel-${id}`)).toBeVisible();
    if (id === 'secrets')
      await expect(page.getByTestId('generated-note')).toContainText('administrator@localhost.com');
    await wizard.shoot(`${n}-${id}`);
  }
  await page.getByTestId('next').click();
  // valid, but not "ready to install" while a warning is there to read
  await expect(page.getByTestId('review-valid')).toHaveText(
    'Every answer is valid. Read the warning below before installing.',
  );
  await expect(page.getByTestId('review-warnings')).toContainText(
    'Secret values are stored in the Helm release record too',
  );
  for (const id of ['endpoint', 'certificate', 'database', 'sizing'])
    await expect(page.getByTestId(`step-${id}`)).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('review-yaml')).toContainText('********');
  await expect(page.getByTestId('review-yaml')).not.toContainText('LICENSE-CONTENT-e2e');
  await wizard.shoot('10-review');

  const values = await wizard.download('download-values');
  const answers = await wizard.download('download-answers');
  expect(values).toContain('LICENSE-CONTENT-e2e');
  expect(cliRender(answers)['values.yaml']).toBe(values);

  await page.getByTestId('mode-full').check();
  const full = await wizard.download('download-values');
  expect(full.length).toBeGreaterThan(values.length * 3);
  expect(cliRender(answers, ['--full'])['values.yaml']).toBe(full);
  // The command names the chart it installs: the vendor's by default, this project's on request.
  await expect(page.getByTestId('helm-command')).toHaveText(
    'helm upgrade --install lightrun oci://registry-1.docker.io/lightruncom/lightrun-helm-chart --version 3.9.4 --namespace lightrun --create-namespace -f values.yaml',
  );
  await page.getByTestId('chart-local').check();
  await expect(page.getByTestId('helm-command')).toHaveText(
    'helm upgrade --install lightrun ./chart --namespace lightrun --create-namespace -f values.yaml',
  );
  await expect(page.getByTestId('download-answers')).toHaveText(
    'Download answers.json (every secret in clear)',
  );
  await expect(page.getByTestId('secrets-in-clear')).toHaveText(
    'values.yaml holds the secrets (license, private key, passwords) in clear text; answers.json holds every secret you entered in clear text, whatever the options above. Keep these files like a password and delete copies you do not need.',
  );
});
