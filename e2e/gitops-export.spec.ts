// Issue 29: Review's "Export for GitOps". A quick plan exported for Flux, then refused for Argo CD
// (its chart makes the Secrets from values, which Argo CD would keep in git): the reason is on the
// page and there is no button. With the Secrets left to the admin, exported for Argo CD with
// values from the repository and External Secrets. Each archive, unpacked, holds exactly what
// `cli export` writes for the downloaded answers.json and the same options, byte for byte, and no
// git-bound file holds a secret of the plan. No cluster: the export asks nothing of one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SECRETS, expect, pageProblems, root, test } from './fixtures';

const work = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-gitops-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true })); // secrets: leave no copy
let n = 0;

/** Every file of a directory, by name (dot files too). */
const readDir = (d: string) =>
  Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(path.join(d, f), 'utf8')]));

/** Clicks the export button; the saved archive unpacked: its one top directory and its files. */
async function downloadExport(page: Page) {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('gitops-download').click(),
  ]);
  const at = path.join(work, `x${n++}`);
  mkdirSync(at);
  const file = path.join(at, d.suggestedFilename());
  await d.saveAs(file);
  const out = path.join(at, 'out');
  mkdirSync(out);
  execFileSync('tar', ['-xzf', file, '-C', out]);
  const top = readdirSync(out);
  expect(top).toHaveLength(1);
  return { name: d.suggestedFilename(), top: top[0]!, files: readDir(path.join(out, top[0]!)) };
}

/** The panel alone at 1440 and at 375 px (the full page comes from wizard.shoot). */
async function shootPanel(page: Page, name: string) {
  const size = page.viewportSize()!;
  for (const [w, tag] of [
    [1440, 'desktop'],
    [375, 'mobile'],
  ] as const) {
    // tall enough for the whole panel: a taller one is stitched under the sticky top bar
    await page.setViewportSize({ width: w, height: 2400 });
    await page.getByTestId('gitops-export').scrollIntoViewIfNeeded();
    await page.getByTestId('gitops-export').screenshot({
      path: path.join(root, 'test-results', 'e2e', 'screenshots', `${name}-panel-${tag}.png`),
    });
  }
  await page.setViewportSize(size);
}

/** `npm run cli -- export` of the answers with the flags: the files it writes, by name. */
function cliExport(answersJson: string, flags: string[]): Record<string, string> {
  const at = path.join(work, `c${n++}`);
  mkdirSync(at);
  const file = path.join(at, 'answers.json');
  writeFileSync(file, answersJson, { mode: 0o600 });
  const out = path.join(at, 'out');
  execFileSync(
    'npm',
    ['run', '--silent', 'cli', '--', 'export', '--answers', file, ...flags, '--out-dir', out],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return readDir(out);
}

/** Every secret text the plan holds (license, passwords, keys), read from its answers.json. */
function planSecrets(answersJson: string): string[] {
  const a = JSON.parse(answersJson) as Record<string, Record<string, unknown>>;
  const found = [
    SECRETS.license,
    SECRETS.signature,
    a.database?.password,
    a.secrets?.keycloakPassword,
    a.secrets?.keystorePassword,
    a.apiKeysEncryption?.aesKey,
    a.certificate?.key,
  ].filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return found;
}

/** The files bound for git: all but those the export's .gitignore names. */
function gitBound(files: Record<string, string>): string[] {
  const ignored = (files['.gitignore'] ?? '')
    .split('\n')
    .filter((l) => l.startsWith('/'))
    .map((l) => l.slice(1));
  return Object.keys(files).filter((f) => !ignored.includes(f));
}

test('Export for GitOps from Review: Flux and Argo CD archives equal cli export; a refused plan shows why and no button', async ({
  wizard,
  page,
}) => {
  test.setTimeout(180_000);
  const problems = pageProblems(page);
  const exports: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/gitops-export')) exports.push(`${r.method()} ${r.url()}`);
  });
  await wizard.open();
  await wizard.quickPath('gitops.lightrun.example.com');
  await wizard.nextToReview();
  const panel = page.getByTestId('gitops-export');
  await expect(panel).toContainText('Export for GitOps');

  // Flux, secrets as a Secret manifest kept out of git (the defaults)
  await expect(page.getByTestId('gitops-for-flux')).toBeChecked();
  await expect(page.getByTestId('gitops-secrets-secret-manifest')).toBeChecked();
  await expect(page.getByTestId('gitops-values-inline')).toHaveCount(0);
  const fileList = page.getByTestId('gitops-files');
  await expect(fileList).toContainText('secret-values.yaml');
  await expect(fileList).toContainText('never commit it');
  await expect(fileList).toContainText('flux.yaml');
  await shootPanel(page, 'gitops-01-flux');
  await wizard.shoot('gitops-01-flux');
  const flux = await downloadExport(page);
  expect(flux.name).toBe('lightrun-gitops-flux.tar.gz');
  expect(flux.top).toBe('lightrun-gitops-flux');
  await expect(page.getByTestId('gitops-result')).toContainText(
    'Saved lightrun-gitops-flux.tar.gz',
  );
  const answers = await wizard.download('download-answers');
  const cliFlux = cliExport(answers, ['--for', 'flux']);
  expect(Object.keys(flux.files).sort()).toEqual([
    '.gitignore',
    'README.md',
    'flux.yaml',
    'kustomization.yaml',
    'secret-values.yaml',
  ]);
  expect(flux.files).toEqual(cliFlux);
  const secrets = planSecrets(answers);
  expect(secrets.length).toBeGreaterThanOrEqual(5);
  expect(gitBound(flux.files).sort()).toEqual([
    '.gitignore',
    'README.md',
    'flux.yaml',
    'kustomization.yaml',
  ]);
  for (const f of gitBound(flux.files))
    for (const s of secrets) expect(flux.files[f], `${f} holds a secret`).not.toContain(s);
  // the secrets are in the file that stays out of git: nothing was lost on the way
  for (const s of [SECRETS.license, SECRETS.signature])
    expect(flux.files['secret-values.yaml']).toContain(s);

  // Argo CD with this plan: refused, the answer named with what to do, and no button
  await page.getByTestId('gitops-for-argocd').check();
  // the last download's result spoke of other options
  await expect(page.getByTestId('gitops-result')).toHaveCount(0);
  const refusals = page.getByTestId('gitops-refusals');
  await expect(refusals).toContainText('This plan cannot be exported for Argo CD.');
  await expect(refusals).toContainText('secrets.mode');
  await expect(refusals).toContainText('Argo CD takes Helm values only from git');
  await expect(refusals).toContainText('choose “I create them”');
  await expect(page.getByTestId('gitops-download')).toHaveCount(0);
  await expect(page.getByTestId('gitops-files')).toHaveCount(0);
  await shootPanel(page, 'gitops-02-argocd-refused');
  await wizard.shoot('gitops-02-argocd-refused');

  // the refusal's link leads to the answer; leave the Secrets (and so the certificate) to the admin
  await page.getByTestId('gitops-refusal-secrets.mode').getByRole('button').click();
  await expect(page.getByTestId('panel-secrets')).toBeVisible();
  await wizard.choose('secrets.mode', 'existing');
  // the chart no longer makes the certificate Secret either: until that answer is fixed the
  // panel waits for the answers, without a button
  await wizard.step('review');
  await expect(page.getByTestId('review-errors')).toContainText('certificate.source');
  await expect(page.getByTestId('gitops-wait')).toContainText('fix the ones listed at the top');
  await expect(page.getByTestId('gitops-download')).toHaveCount(0);
  await wizard.step('certificate');
  await wizard.choose('certificate.source', 'existing');
  await wizard.field('certificate.secretName').fill('lightrun-server-tls');
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();

  await page.getByTestId('gitops-for-argocd').check();
  await expect(page.getByTestId('gitops-refusals')).toHaveCount(0);
  await page.getByTestId('gitops-values-repo').check();
  // values from the repository: the repository URL first
  await expect(page.getByTestId('gitops-repo-url-error')).toContainText('Name the git repository');
  await expect(page.getByTestId('gitops-download')).toBeDisabled();
  await page.getByTestId('gitops-repo-url').fill('https://git.example.com/ops.git');
  await page.getByTestId('gitops-repo-path').fill('clusters/prod/lightrun');
  await page.getByTestId('gitops-secrets-external-secrets').check();
  await expect(page.getByTestId('gitops-store-error')).toBeVisible();
  await expect(page.getByTestId('gitops-download')).toBeDisabled();
  await page.getByTestId('gitops-store').fill('Vault');
  await expect(page.getByTestId('gitops-store-error')).toContainText('lowercase letters');
  await page.getByTestId('gitops-store').fill('vault');
  await expect(page.getByTestId('gitops-store-error')).toHaveCount(0);
  await page.getByTestId('gitops-store-kind-SecretStore').check();
  await page.getByTestId('gitops-key-prefix').fill('prod/lightrun/');
  await expect(page.getByTestId('gitops-files')).toContainText('external-secrets.yaml');
  await expect(page.getByTestId('gitops-files')).not.toContainText('never commit');
  await shootPanel(page, 'gitops-03-argocd');
  await wizard.shoot('gitops-03-argocd');
  const argo = await downloadExport(page);
  expect(argo.name).toBe('lightrun-gitops-argocd.tar.gz');
  const answers2 = await wizard.download('download-answers');
  const cliArgo = cliExport(answers2, [
    '--for',
    'argocd',
    '--values',
    'repo',
    '--repo-url',
    'https://git.example.com/ops.git',
    '--path',
    'clusters/prod/lightrun',
    '--secrets',
    'external-secrets',
    '--store',
    'vault',
    '--store-kind',
    'SecretStore',
    '--key-prefix',
    'prod/lightrun/',
  ]);
  expect(Object.keys(argo.files).sort()).toEqual([
    'README.md',
    'application.yaml',
    'external-secrets.yaml',
    'values.yaml',
  ]);
  expect(argo.files).toEqual(cliArgo);
  expect(argo.files['application.yaml']).toContain('clusters/prod/lightrun/values.yaml');
  expect(argo.files['external-secrets.yaml']).toContain('prod/lightrun/db-password');
  // every file goes to git: none holds a secret
  const secrets2 = planSecrets(answers2);
  expect(secrets2).toEqual(expect.arrayContaining([SECRETS.license, SECRETS.signature]));
  for (const [f, text] of Object.entries(argo.files))
    for (const s of secrets2) expect(text, `${f} holds a secret`).not.toContain(s);

  // the answers went in POST bodies only, never a URL
  expect(exports).toEqual([
    expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/gitops-export$/),
    expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/gitops-export$/),
  ]);
  expect(problems).toEqual([]);
});
