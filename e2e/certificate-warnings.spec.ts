import { SECRETS, expect, fixture, test } from './fixtures';

test.beforeEach(async ({ wizard }) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('e2e.lightrun.example.com');
  await wizard.field('general.name').fill('acme');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await wizard.next('certificate');
});

test('a key that does not belong to the certificate is an error on the key field, blocks Next and is repeated on Review', async ({
  wizard,
  page,
}) => {
  await wizard.upload('upload-certificate.crt', 'server.crt', fixture('server.crt'));
  await wizard.upload('upload-certificate.key', 'other.key', fixture('other.key'));
  const message =
    'The private key does not belong to this certificate: upload the key it was issued with.';
  await expect(page.getByTestId('cert-errors')).toContainText(message);
  await expect(page.getByTestId('cert-report')).toContainText('does NOT match');
  await expect(wizard.error('certificate.key')).toHaveText(`⚠ ${message}`);
  await expect(wizard.field('certificate.key')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('step-certificate')).toHaveAttribute('data-state', 'error');
  await wizard.shoot('w02-certificate-wrong-key');

  await page.getByTestId('next').click();
  await expect(page.getByTestId('next-blocked')).toHaveText(
    'One answer on this step needs fixing before you can go on: each is marked ⚠ above.',
  );
  await expect(wizard.field('certificate.key')).toBeFocused();
  await expect(page.getByTestId('panel-certificate')).toBeVisible();

  await wizard.step('review');
  const review = page.getByTestId('review-errors');
  await expect(review.getByRole('button', { name: 'Server certificate' })).toBeVisible();
  await expect(review.locator('li li')).toHaveText([`certificate.key: ${message}`]);
  await expect(page.getByTestId('review-valid')).toHaveCount(0);
  await expect(page.getByTestId('download-values')).toBeDisabled();
  await wizard.shoot('w10-review-certificate-errors');
});

test('an expired certificate whose names miss the endpoint gets both errors on the certificate field', async ({
  wizard,
  page,
}) => {
  await wizard.upload('upload-certificate.crt', 'expired.crt', fixture('expired.crt'));
  await wizard.upload('upload-certificate.key', 'expired.key', fixture('expired.key'));
  const errors = page.getByTestId('cert-errors');
  await expect(errors).toContainText('The certificate expired on');
  await expect(errors).toContainText('do not cover the endpoint e2e.lightrun.example.com');
  await expect(page.getByTestId('cert-warnings')).toHaveCount(0);
  await expect(page.getByTestId('cert-ok')).toHaveCount(0);
  await expect(page.getByTestId('cert-expiry')).toContainText('expired');
  await expect(wizard.error('certificate.crt')).toContainText('The certificate expired on');
  await expect(wizard.field('certificate.crt')).toHaveAttribute('aria-invalid', 'true');
  await wizard.shoot('w02-certificate-expired');
});

test('a file that is not a certificate is explained on the field', async ({ wizard, page }) => {
  await wizard
    .field('certificate.crt')
    .fill('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----');
  await expect(page.getByTestId('cert-error')).toContainText('not a valid X.509 certificate');
});
