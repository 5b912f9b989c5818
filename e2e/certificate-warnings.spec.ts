import { SECRETS, expect, fixture, test } from './fixtures';

test.beforeEach(async ({ wizard }) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('lightrun.example.com');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await wizard.next('certificate');
});

test('a key that does not belong to the certificate is flagged', async ({ wizard, page }) => {
  await wizard.upload('upload-certificate.crt', 'server.crt', fixture('server.crt'));
  await wizard.upload('upload-certificate.key', 'other.key', fixture('other.key'));
  await expect(page.getByTestId('cert-warnings')).toContainText('The private key does not belong to this certificate');
  await expect(page.getByTestId('cert-report')).toContainText('does NOT match');
  await wizard.shoot('w02-certificate-wrong-key');
});

test('an expired certificate whose SANs miss the endpoint is flagged', async ({ wizard, page }) => {
  await wizard.upload('upload-certificate.crt', 'expired.crt', fixture('expired.crt'));
  await wizard.upload('upload-certificate.key', 'expired.key', fixture('expired.key'));
  const warnings = page.getByTestId('cert-warnings');
  await expect(warnings).toContainText('The certificate expired on');
  await expect(warnings).toContainText('do not cover the endpoint lightrun.example.com');
  await expect(page.getByTestId('cert-expiry')).toContainText('expired');
  await wizard.shoot('w02-certificate-expired');
});

test('a file that is not a certificate is explained', async ({ wizard, page }) => {
  await wizard.field('certificate.crt').fill('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----');
  await expect(page.getByTestId('cert-error')).toContainText('not a valid X.509 certificate');
});
