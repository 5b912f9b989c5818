import { SECRETS, cliRender, expect, test } from './fixtures';

test('complex path: external DB, local MQ with metrics, LoadBalancer, network policy, secrets outside the chart, then internal TLS with existing certificates', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('lightrun.corp.example.com');
  await wizard.field('general.name').fill('corp');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await wizard.next('certificate');
  await wizard.choose('certificate.source', 'existing');
  await expect(wizard.field('certificate.crt')).toHaveCount(0);
  await wizard.field('certificate.secretName').fill('lightrun-server-tls');

  await wizard.next('database');
  await wizard.choose('database.mode', 'external');
  await wizard.field('database.endpoint').fill('mysql://db');
  await expect(wizard.error('database.endpoint')).toContainText('without a scheme');
  await wizard.field('database.endpoint').fill('mysql.internal.example.com');
  await expect(page.getByTestId('yaml-preview')).toContainText('mysql.internal.example.com');
  // A branch left behind drops out of the answers and the file.
  await wizard.choose('database.mode', 'local');
  await expect(wizard.field('database.endpoint')).toHaveCount(0);
  await expect(page.getByTestId('yaml-preview')).not.toContainText('mysql.internal.example.com');
  await wizard.choose('database.mode', 'external');
  // The generated password of the local MySQL is no password of the admin's own server.
  await expect(wizard.field('database.password')).toHaveValue('');
  await wizard.field('database.endpoint').fill('mysql.internal.example.com');
  await wizard.field('database.user').fill('lightrun_app');
  await wizard.field('database.password').fill('Ext-db-e2e-5521');

  await wizard.next('message-queue');
  await wizard.choose('messageQueue.mode', 'local');
  await page.getByTestId('field-messageQueue.metrics').check();
  await page.getByTestId('preset-messageQueue.serviceAnnotations').click();
  await wizard.shoot('c04-message-queue-local');

  await wizard.next('external-access');
  await wizard.choose('externalAccess.mode', 'load-balancer');
  await page.getByTestId('add-externalAccess.serviceAnnotations').click();
  await wizard
    .field('externalAccess.serviceAnnotations.0.key')
    .fill('service.beta.kubernetes.io/aws-load-balancer-internal');
  await wizard.field('externalAccess.serviceAnnotations.0.value').fill('true');

  await wizard.next('internal-tls');
  await wizard.next('security');
  await page.getByTestId('field-networkPolicy.enabled').check();
  await wizard.field('networkPolicy.ingress.namespaces').fill('ingress-nginx\nmonitoring');
  await page.getByTestId('field-networkPolicy.egress.enabled').check();
  await wizard.field('networkPolicy.egress.cidrs').fill('10.20.0.0/16');
  await wizard.shoot('c07-security');

  await wizard.next('secrets');
  await wizard.choose('secrets.mode', 'existing');
  await wizard.field('secrets.backend').fill('lightrun-backend-secrets');
  await page.getByTestId('field-apiKeysEncryption.enabled').check();
  await wizard.shoot('c08-secrets-existing');

  await wizard.next('sizing');
  await wizard.choose('sizing.resources.profile', 'medium');
  await page.getByTestId('field-sizing.backend.hpa.enabled').check();
  await wizard.next('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await expect(page.getByTestId('review-warnings')).toContainText(
    'Create the Secrets before installing',
  );
  await wizard.shoot('c10-review-load-balancer');
  const lbValues = await wizard.download('download-values');
  expect(lbValues).toContain('ingress_controller: false');
  expect(lbValues).toContain('mysql.internal.example.com');
  expect(lbValues).toContain('prometheus.io/scrape');
  expect(lbValues).toContain('10.20.0.0/16');
  // Secrets outside the chart: the license and credentials typed earlier are gone from the answers
  // and from the file, and their fields give way to a note naming the Secret keys.
  for (const s of [SECRETS.license, SECRETS.signature, 'Ext-db-e2e-5521'])
    expect(lbValues).not.toContain(s.split('\n')[0]);
  expect(lbValues).not.toMatch(/^\s+(password|user|content|signature|aes_key):/m);
  await wizard.step('database');
  await expect(wizard.field('database.password')).toHaveCount(0);
  await expect(page.getByTestId('db-credentials-outside')).toBeVisible();
  await wizard.step('endpoint');
  await expect(page.getByTestId('license-outside')).toBeVisible();
  await wizard.step('review');
  expect(cliRender(await wizard.download('download-answers'))['values.yaml']).toBe(lbValues);

  // Internal TLS cannot work behind the chart's own nginx: the schema says so next to the choice.
  await wizard.step('internal-tls');
  await wizard.choose('internalTls.mode', 'existing');
  await expect(wizard.error('internalTls.mode')).toContainText(
    'Internal TLS does not work with the chart-made nginx',
  );
  await expect(page.getByTestId('step-internal-tls')).toHaveAttribute('data-state', 'error');
  await wizard.shoot('c06-internal-tls-conflict');
  await wizard.step('external-access');
  await wizard.choose('externalAccess.mode', 'ingress-controller');
  await wizard.step('internal-tls');
  await expect(wizard.error('internalTls.mode')).toHaveCount(0);
  await page.getByTestId('next').click();
  await expect(wizard.field('internalTls.certificates.frontend')).toBeFocused();
  for (const c of ['frontend', 'keycloak', 'keycloakCluster', 'redis', 'rabbitmq'])
    await wizard.field(`internalTls.certificates.${c}`).fill('lightrun-internal-tls');
  await wizard.field('internalTls.caSecretName').fill('lightrun-internal-ca');
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  const tlsValues = await wizard.download('download-values');
  expect(tlsValues).toContain('lightrun-internal-ca');
  expect(cliRender(await wizard.download('download-answers'))['values.yaml']).toBe(tlsValues);
});
