import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Download, type Page } from '@playwright/test';

export const root = path.resolve(__dirname, '..');
export const fixture = (f: string) => readFileSync(path.join(__dirname, 'fixtures', f), 'utf8');
const SHOTS = path.join(root, 'test-results', 'e2e', 'screenshots');

export const SECRETS = {
  license: 'LICENSE-CONTENT-e2e-7f3a91',
  signature: 'LICENSE-SIGNATURE-e2e-c04d22',
};

/**
 * What a page logs or is refused while a test drives it, one line each: console errors, page
 * errors, responses of 400 and more — but the 422 of /api/validate for an incomplete form, which is
 * the check's answer. A spec adds its own listeners beside it.
 */
/** The wizard's steps between the certificate and Review, in order. */
export const STEPS_AFTER_CERTIFICATE = [
  'database',
  'message-queue',
  'external-access',
  'internal-tls',
  'security',
  'secrets',
  'sizing',
] as const;

export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 422/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.url().endsWith('/api/validate') && r.status() === 422))
      problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

/** The wizard page object: steps, fields, uploads, downloads and screenshots at both widths. */
export class Wizard {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(
      this.page
        .getByTestId('panel-endpoint')
        .or(this.page.locator('[data-testid^="panel-"]'))
        .first(),
    ).toBeVisible();
    await expect(this.page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  }
  field(name: string) {
    return this.page.getByTestId(`field-${name}`);
  }
  error(name: string) {
    return this.page.getByTestId(`error-${name}`);
  }
  async choose(name: string, value: string) {
    await this.page.getByTestId(`choice-${name}-${value}`).check();
  }
  async upload(testId: string, name: string, text: string) {
    await this.page
      .getByTestId(testId)
      .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  }
  async step(id: string) {
    await this.page.getByTestId(`step-${id}`).click();
    await expect(this.page.getByTestId(`panel-${id}`)).toBeVisible();
  }
  async next(expectId: string) {
    // Not while the server still checks the last change: its answer can add or remove a field's
    // message above the button, and a click aimed before that shift lands beside the button.
    await expect(this.page.locator('form[data-checking]')).toHaveAttribute(
      'data-checking',
      'false',
    );
    await this.page.getByTestId('next').click();
    await expect(this.page.getByTestId(`panel-${expectId}`)).toBeVisible();
  }
  /** Next through every step after the certificate, to Review. */
  async nextToReview() {
    for (const id of [...STEPS_AFTER_CERTIFICATE, 'review']) await this.next(id);
  }
  /** The endpoint (under the fixture certificate's *.lightrun.example.com) and, if empty, the organisation. */
  async quickPath(endpoint = 'e2e.lightrun.example.com') {
    await this.field('general.endpoint').fill(endpoint);
    if ((await this.field('general.name').inputValue()) === '')
      await this.field('general.name').fill('acme');
    await this.upload('upload-license.content', 'license.txt', SECRETS.license);
    await this.upload('upload-license.signature', 'license.sig', SECRETS.signature);
    await this.next('certificate');
    await this.upload('upload-certificate.crt', 'server.crt', fixture('server.crt'));
    await this.upload('upload-certificate.key', 'server.key', fixture('server.key'));
    await expect(this.page.getByTestId('cert-ok')).toBeVisible();
  }
  async download(testId: string): Promise<string> {
    const [d] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(testId).click(),
    ]);
    return readDownload(d);
  }
  /** A full-page screenshot at 1440 px and at 375 px, named by step; at 375 px nothing may widen the page. */
  async shoot(name: string) {
    mkdirSync(SHOTS, { recursive: true });
    const size = this.page.viewportSize() ?? { width: 1440, height: 900 };
    for (const [w, h, tag] of [
      [1440, 900, 'desktop'],
      [375, 812, 'mobile'],
    ] as const) {
      await this.page.setViewportSize({ width: w, height: h });
      // from the top: a full-page picture of a scrolled page paints the sticky top bar mid-page
      await this.page.evaluate(() => window.scrollTo(0, 0));
      await this.page.waitForTimeout(150);
      await this.page.screenshot({ path: path.join(SHOTS, `${name}-${tag}.png`), fullPage: true });
      if (tag === 'mobile') {
        const scrollWidth = await this.page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${name}: the page scrolls sideways at 375 px`).toBeLessThanOrEqual(
          375,
        );
      }
    }
    await this.page.setViewportSize(size);
  }
}

async function readDownload(d: Download): Promise<string> {
  const p = await d.path();
  return readFileSync(p, 'utf8');
}

/** `npm run cli -- render` of an answers file: the files the CLI writes, by name. */
export function cliRender(answersJson: string, flags: string[] = []): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-'));
  const file = path.join(dir, 'answers.json');
  writeFileSync(file, answersJson, { mode: 0o600 });
  const out = path.join(dir, 'out');
  execFileSync(
    'npm',
    ['run', '--silent', 'cli', '--', 'render', '--answers', file, '--out-dir', out, ...flags],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const read = (f: string) => {
    try {
      return readFileSync(path.join(out, f), 'utf8');
    } catch {
      return undefined;
    }
  };
  const files = Object.fromEntries(
    ['values.yaml', 'secrets.yaml'].map((f) => [f, read(f)]).filter(([, v]) => v !== undefined),
  );
  rmSync(dir, { recursive: true, force: true }); // the answers hold secrets: leave no copy behind
  return files;
}

/** Everything the browser can keep: storage, IndexedDB database names and contents, cookies. */
export async function browserStorageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: unknown[] = [{ ...localStorage }, { ...sessionStorage }, document.cookie];
    for (const info of (await indexedDB.databases?.()) ?? []) dump.push(info.name);
    return JSON.stringify(dump);
  });
}

export const test = base.extend<{ wizard: Wizard }>({
  wizard: async ({ page }, use) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await use(new Wizard(page));
  },
});
export { expect };
