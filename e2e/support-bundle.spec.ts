// The support bundle from the dashboard of a failed install (wrong image tag): the button in the
// failure summary downloads a .tar.gz whose pods, events, helm history and job log name the
// failing pod's reason, and no file of which holds any secret of the answers (plain or base64).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getPath } from '../lib/values/tree';
import { expect, test } from './fixtures';
import { clickInstall, removeNamespace, testNamespace, toReview } from './install-fixtures';

test.describe.configure({ timeout: 240_000 });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * Every secret value of an answers file: the string at each secret path, but for user names equal
 * to a public name (the database user "lightrun" is the release's name too, and is not redacted).
 */
function secretValues(answers: unknown, publicNames: string[]): string[] {
  const paths = JSON.parse(
    readFileSync(path.join(__dirname, '..', 'lib', 'answers', 'secret-paths.json'), 'utf8'),
  ) as string[];
  return paths
    .map((p) => getPath(answers, p.split('.')))
    .filter((v): v is string => typeof v === 'string' && v.length >= 8 && !publicNames.includes(v));
}

test("the support bundle downloads from the failed install's dashboard, names the failure and holds no secret", async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-bundle');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-e2e-bundle-'));
  try {
    await toReview(wizard, page, ns, 'does-not-exist');
    const answers: unknown = JSON.parse(await wizard.download('download-answers'));
    const secrets = secretValues(answers, ['lightrun', ns]);
    expect(secrets.length).toBeGreaterThanOrEqual(5); // license, signature, key, generated passwords
    await clickInstall(page);
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 90_000 });
    const button = page.getByTestId('failure-summary').getByTestId('support-bundle-button');
    await expect(button).toBeVisible();
    await expect(page.getByTestId('support-bundle-button')).toHaveCount(1);
    await wizard.shoot('install-04-support-bundle');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      button.click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^support-bundle-lightrun-\d{8}T\d{6}Z\.tar\.gz$/);
    await expect(page.getByTestId('support-bundle-result')).toContainText(
      'Saved support-bundle-lightrun-',
    );
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    const top = path.join(dir, download.suggestedFilename().replace('.tar.gz', ''));
    const read = (f: string) => readFileSync(path.join(top, f), 'utf8');

    expect(read('README.txt')).toContain(`Namespace:  ${ns}`);
    expect(read('namespace/pods.txt')).toMatch(/ImagePullBackOff|ErrImagePull/);
    expect(read('namespace/pods.txt')).toContain('does-not-exist');
    expect(read('namespace/events.txt')).toContain('Failed to pull image');
    expect(JSON.parse(read('helm/history.json'))[0].revision).toBe(1);
    expect(read('job/events.txt')).toContain('Done: failed');
    expect(read('answers/answers.json')).toContain(ns);

    const all = filesUnder(top);
    expect(all.length).toBeGreaterThan(15);
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      for (const s of secrets) {
        expect(text.includes(s), `${path.relative(top, f)} holds a secret value`).toBe(false);
        expect(
          text.includes(Buffer.from(s).toString('base64')),
          `${path.relative(top, f)} holds a secret value in base64`,
        ).toBe(false);
      }
    }
  } finally {
    removeNamespace(ns);
    rmSync(dir, { recursive: true, force: true });
  }
});
