// Issue 27: chart 3.50's certificate pinning on the Certificate step — off by default, "pin this
// certificate" with the hash computed on the page from the uploaded certificate, "this and the
// previous one" with the old certificate uploaded for its hash; every rule refused on its field
// with what to do (docs/chart-3.50.md §4), the file as the CLI writes it; gone for 3.9.4.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkValues } from '../lib/values/check';
import { parseValuesYaml } from '../lib/values/to-yaml';
import { cliRender, expect, pageProblems, test } from './fixtures';

const fixture = (f: string) => readFileSync(path.join(__dirname, 'fixtures', f), 'utf8');
// openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | sha256sum, of each fixture
const PIN = '63c59d3ec5b2d2114fee646140d2dfea70302afdc5151e31e0781663f69244d6'; // server.crt
const OLD = 'ec774cb3791bfda3f6a7141da69c7c80e773e48afd98e562399e9192472f8dec'; // ldap-server.crt

test('chart 3.50: certificate pinning computed from the certificates, refused where wrong, written as the CLI writes it', async ({
  wizard,
  page,
}) => {
  const problems = pageProblems(page);
  await wizard.open();
  await wizard.choose('chart', '3.50.0');
  await wizard.quickPath('c350.lightrun.example.com');
  const preview = page.getByTestId('yaml-preview');
  await expect(page.getByTestId('choice-certificatePinning.mode-off')).toBeChecked();
  await expect(preview).not.toContainText('security_pinned_hashes');

  // pin this certificate: the hash comes from the uploaded certificate
  await wizard.choose('certificatePinning.mode', 'current');
  await expect(wizard.field('certificatePinning.hash')).toHaveValue(PIN);
  await expect(preview).toContainText(PIN);
  // a hash of 63 digits, then another key's: refused, saying why
  await wizard.field('certificatePinning.hash').fill(PIN.slice(1));
  await expect(wizard.error('certificatePinning.hash')).toContainText('exactly 64 hex digits');
  await wizard.field('certificatePinning.hash').fill(OLD);
  await expect(wizard.error('certificatePinning.hash')).toContainText('every agent locked out');
  await wizard.shoot('chart350-pinning-01-locked-out');
  await page.getByTestId('pin-use-uploaded').click();
  await expect(wizard.error('certificatePinning.hash')).toHaveCount(0);

  // this and the previous one: the old certificate uploaded for its hash
  await wizard.choose('certificatePinning.mode', 'rotation');
  await expect(wizard.field('certificatePinning.hash')).toHaveValue(PIN);
  await expect(wizard.error('certificatePinning.previous')).toContainText('Previous certificate');
  await wizard.upload('upload-pin-previous', 'old.crt', 'not a certificate');
  await expect(page.getByTestId('pin-unread')).toBeVisible();
  await wizard.upload('upload-pin-previous', 'old.crt', fixture('ldap-server.crt'));
  await expect(page.getByTestId('pin-unread')).toHaveCount(0);
  await expect(wizard.field('certificatePinning.previous')).toHaveValue(OLD);
  await expect(wizard.error('certificatePinning.previous')).toHaveCount(0);
  await wizard.shoot('chart350-pinning-02-rotation');

  // an existing TLS Secret: the wizard cannot read it, so it asks for the certificate or hash
  await wizard.choose('certificate.source', 'existing');
  await wizard.field('certificate.secretName').fill('lightrun-tls');
  await wizard.choose('certificatePinning.mode', 'off');
  await wizard.choose('certificatePinning.mode', 'current');
  await expect(wizard.error('certificatePinning.hash')).toContainText(
    'cannot read Secret "lightrun-tls"',
  );
  await wizard.shoot('chart350-pinning-03-existing-secret');
  await wizard.upload('upload-pin-current', 'tls.crt', fixture('server.crt'));
  await expect(wizard.field('certificatePinning.hash')).toHaveValue(PIN);
  await expect(wizard.error('certificatePinning.hash')).toHaveCount(0);
  await wizard.choose('certificatePinning.mode', 'rotation');
  await wizard.upload('upload-pin-previous', 'old.crt', fixture('ldap-server.crt'));
  await expect(wizard.field('certificatePinning.previous')).toHaveValue(OLD);

  // back to the uploaded certificate for Review
  await wizard.choose('certificate.source', 'inline');
  await wizard.upload('upload-certificate.crt', 'server.crt', fixture('server.crt'));
  await wizard.upload('upload-certificate.key', 'server.key', fixture('server.key'));
  await expect(page.getByTestId('cert-ok')).toBeVisible();
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  const values = await wizard.download('download-values');
  const answers = await wizard.download('download-answers');
  expect(parseValuesYaml(values)).toMatchObject({
    certificate: { security_pinned_hashes: [PIN, OLD] },
  });
  expect(cliRender(answers)['values.yaml']).toBe(values);
  expect(checkValues([parseValuesYaml(values)])).toEqual([]);

  // back to 3.9.4: pinning off and no field for it
  await wizard.step('endpoint');
  await wizard.choose('chart', '3.9.4');
  await expect(preview).not.toContainText('security_pinned_hashes');
  await wizard.step('certificate');
  await expect(page.getByTestId('choice-certificatePinning.mode-off')).toHaveCount(0);
  expect(problems).toEqual([]);
});
