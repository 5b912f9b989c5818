import { SECRETS, STEPS_AFTER_CERTIFICATE, expect, fixture, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Presses Tab (only) until the element with this test id has focus. */
async function tabTo(page: Page, testId: string) {
  for (let i = 0; i < 80; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId)
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

test('the quick path can be completed with the keyboard alone', async ({ wizard, page }) => {
  await wizard.open();
  page.on('filechooser', async (chooser) => {
    const name = (await chooser.element().getAttribute('data-testid')) ?? '';
    const text = name.endsWith('crt') ? fixture('server.crt') : fixture('server.key');
    await chooser.setFiles({
      name: name.endsWith('crt') ? 'server.crt' : 'server.key',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
  });
  await tabTo(page, 'field-general.endpoint');
  await page.keyboard.type('e2e.lightrun.example.com');
  await tabTo(page, 'field-general.name');
  await page.keyboard.type('acme');
  await tabTo(page, 'field-license.content');
  await page.keyboard.insertText(SECRETS.license);
  await tabTo(page, 'field-license.signature');
  await page.keyboard.insertText(SECRETS.signature);
  await tabTo(page, 'next');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-certificate')).toBeVisible();
  await tabTo(page, 'upload-certificate.crt');
  await page.keyboard.press('Space');
  await expect(wizard.field('certificate.crt')).toHaveValue(/BEGIN CERTIFICATE/);
  await tabTo(page, 'upload-certificate.key');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('cert-ok')).toBeVisible();
  for (const id of [...STEPS_AFTER_CERTIFICATE, 'review']) {
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(`panel-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await tabTo(page, 'download-values');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(download.suggestedFilename()).toBe('values.yaml');
});
