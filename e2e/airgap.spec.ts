import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, root, test } from './fixtures';
import { startRegistry } from './registry-server';

// The private registry is one served on loopback by the spec: with a cluster up (npm test) the
// preflight asks it, and nothing looks up a name on the internet.
let registry: Awaited<ReturnType<typeof startRegistry>>;
let REG = '';
test.beforeAll(async () => {
  registry = await startRegistry();
  REG = registry.host;
});
test.afterAll(async () => registry.close());
const config = (auths: Record<string, unknown>) => JSON.stringify({ auths });

/** `npm run cli -- images --answers FILE [flags]` of the answers the page downloaded. */
function cliImages(answersJson: string, flags: string[] = []): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-images-'));
  try {
    const file = path.join(dir, 'answers.json');
    writeFileSync(file, answersJson, { mode: 0o600 });
    return execFileSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'images', '--answers', file, ...flags],
      { cwd: root, encoding: 'utf8' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('public registries: Review lists the images, says how to get mirror commands, and the chart offline', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.quickPath();
  await wizard.step('review');
  const list = page.getByTestId('image-list');
  await expect(list).toContainText('lightruncom/server:1.50.1-release.ef66f0e08e');
  await expect(list).toContainText('mysql:8.0.38');
  await expect(page.getByTestId('mirror-hint')).toBeVisible();
  await expect(page.getByTestId('mirror-commands')).toHaveCount(0);
  await expect(page.getByTestId('chart-offline')).toContainText(
    'helm pull oci://registry-1.docker.io/lightruncom/lightrun-helm-chart --version 3.9.4',
  );
  const answers = await wizard.download('download-answers');
  expect(await wizard.download('download-images')).toBe(cliImages(answers));
});

test('private registry: the pull secret must name it, every image comes from it, and the mirror commands follow the tool', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.quickPath();
  await wizard.step('endpoint');
  await page.getByText('Release, namespace, version and registry').click();
  await wizard.choose('registry.mode', 'private');
  await wizard.field('registry.host').fill(`${REG}/mirror`);
  await expect(wizard.error('registry.host')).toContainText('Path prefix');
  await wizard.field('registry.host').fill(REG);
  await wizard.field('registry.prefix').fill('mirror');
  await wizard.choose('pullSecret.mode', 'inline');
  await wizard.upload(
    'upload-pullSecret',
    'config.json',
    config({ 'https://index.docker.io/v1/': { auth: 'dTpw' } }),
  );
  await expect(wizard.error('pullSecret.configContent')).toContainText(
    `no entry for the private registry ${REG} (it names docker.io)`,
  );
  await wizard.upload('upload-pullSecret', 'config.json', config({ [REG]: { auth: 'dTpw' } }));
  await expect(wizard.error('pullSecret.configContent')).toHaveCount(0);
  await wizard.shoot('airgap-01-registry');

  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  const list = page.getByTestId('image-list');
  await expect(list).toContainText(`${REG}/mirror/lightruncom/server:1.50.1-release.ef66f0e08e`);
  const lines = (await list.innerText()).trim().split('\n');
  expect(lines).toHaveLength(6);
  for (const l of lines) expect(l.startsWith(`${REG}/mirror/`)).toBe(true);
  await expect(page.getByTestId('images-outside')).toHaveCount(0);

  const commands = page.getByTestId('mirror-commands');
  await expect(commands).toContainText(
    `skopeo copy --all --preserve-digests docker://docker.io/library/mysql:8.0.38 docker://${REG}/mirror/library/mysql:8.0.38`,
  );
  await page.getByTestId('mirror-tool-crane').check();
  await expect(commands).toContainText(
    `crane copy docker.io/lightruncom/redis:alpine-7.2.5-r1 ${REG}/mirror/lightruncom/redis:alpine-7.2.5-r1`,
  );
  await page.getByTestId('mirror-tool-docker').check();
  await expect(commands).toContainText(
    `docker push ${REG}/mirror/lightruncom/webapp:1.50.1-release.ef66f0e08e`,
  );
  await expect(page.getByTestId('chart-offline')).toContainText(
    `helm push lightrun-helm-chart-3.9.4.tgz oci://${REG}/mirror`,
  );
  await page.getByTestId('images-panel').scrollIntoViewIfNeeded();
  await wizard.shoot('airgap-02-review');

  // The page and the CLI agree: the list, and the commands for the chosen tool.
  const answers = await wizard.download('download-answers');
  expect(await wizard.download('download-images')).toBe(cliImages(answers));
  const script = await wizard.download('download-mirror');
  expect(script).toBe(`#!/bin/sh\nset -eu\n${cliImages(answers, ['--mirror', 'docker'])}`);
});
