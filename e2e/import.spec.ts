import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, stripSecrets, type Answers } from '../lib/answers';
import { expect, root, test } from './fixtures';

const dir = path.join(root, 'examples');
const examples = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'values.yaml')) && existsSync(path.join(dir, d, 'answers.yaml')));

test('there are examples to import', () => expect(examples.length).toBeGreaterThanOrEqual(6));

/** What the wizard may keep of an answers file: the non-secret answers (release is not in values files). */
const comparable = (a: Answers) => {
  const { release: _release, ...rest } = stripSecrets(a);
  return rest;
};

for (const name of examples) {
  test(`import of examples/${name} reproduces its answers and its file`, async ({ wizard, page }) => {
    const files = ['values.yaml', 'secrets.yaml'].map((f) => path.join(dir, name, f)).filter(existsSync);
    const expected = completeAnswers(parse(readFileSync(path.join(dir, name, 'answers.yaml'), 'utf8'))) as Answers;
    await wizard.open();
    await page.getByTestId('import-values').setInputFiles(files);
    await expect(page.getByTestId('panel-review')).toBeVisible();
    await expect(page.getByTestId('import-summary')).toContainText('Imported from values.yaml');
    if (name === 'quick-default') await wizard.shoot('i10-review-imported');

    // Every step is prefilled: the persisted (secret-free) answers equal the example's.
    await expect
      .poll(async () => comparable(JSON.parse((await page.evaluate(() => localStorage.getItem('lightrun-wizard:v1'))) ?? '{}').answers ?? {}))
      .toEqual(comparable(expected));

    // The files carry every secret too, so the plan is complete and renders back to the same bytes.
    await expect(page.getByTestId('review-valid')).toBeVisible();
    await expect(page.getByTestId('diff-none')).toBeVisible();
    if (files.length > 1) await page.getByTestId('split-secrets').check();
    expect(await wizard.download('download-values')).toBe(readFileSync(files[0]!, 'utf8'));
    if (files.length > 1) expect(await wizard.download('download-secrets')).toBe(readFileSync(files[1]!, 'utf8'));
  });
}

test('keys the wizard does not model are kept as is and shown', async ({ wizard, page }) => {
  await wizard.open();
  const text = `${readFileSync(path.join(dir, 'quick-default', 'values.yaml'), 'utf8')}extraObjects:\n  - kind: ConfigMap\n`;
  await page.getByTestId('import-values').setInputFiles({ name: 'values.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByTestId('kept-keys')).toContainText('extraObjects — kept as is');
  await expect(page.getByTestId('review-yaml')).toContainText('Kept as is from the imported file');
  // A change shows up in the diff against the imported file.
  await wizard.step('sizing');
  await wizard.choose('sizing.resources.profile', 'large');
  await wizard.step('review');
  await expect(page.getByTestId('yaml-diff')).toContainText('+');
  await wizard.shoot('i10-review-diff');
});

test('a file that is not YAML is refused with a reason', async ({ wizard, page }) => {
  await wizard.open();
  await page.getByTestId('import-values').setInputFiles({ name: 'values.yaml', mimeType: 'text/yaml', buffer: Buffer.from('general: [unclosed') });
  await expect(page.getByTestId('notice')).toContainText('not valid YAML');
});
