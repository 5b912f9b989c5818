import { expect, pageProblems, test } from './fixtures';

test('a whole session leaves the browser console clean: no error, no failed request, no 404', async ({
  wizard,
  page,
}) => {
  const problems = pageProblems(page);
  page.on('requestfailed', (r) => {
    // aborted on purpose: a newer validation or certificate check replaces the one in flight
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  await wizard.open();
  await wizard.quickPath();
  await wizard.nextToReview();
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  expect(problems).toEqual([]);
  const icon = await page.request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
});

test('texts say what the chart really does', async ({ wizard, page }) => {
  await wizard.open();
  await page.getByText('Release, namespace, version and registry').click();
  await expect(page.locator('label[for="f-general-artifactsDownload"]')).toHaveText(
    'Download IDE plugin artifacts from artifacts.lightrun.com',
  );
  await expect(page.getByText('public S3 bucket')).toHaveCount(0);
  await wizard.step('security');
  await expect(page.locator('label[for="f-security-readOnlyRootFilesystem"]')).toHaveText(
    'Read-only root filesystem (every container except MySQL)',
  );
});
