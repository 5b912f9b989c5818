import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, stripSecrets, type Answers } from '../lib/answers';
import { expect, root, test } from './fixtures';

const dir = path.join(root, 'examples');
const examples = readdirSync(dir).filter(
  (d) =>
    existsSync(path.join(dir, d, 'values.yaml')) && existsSync(path.join(dir, d, 'answers.yaml')),
);

test('there are examples to import', () => expect(examples.length).toBeGreaterThanOrEqual(6));

/**
 * What the wizard may keep of an answers file: the non-secret answers. The release is not in
 * values files, nor are the preflight's own registry answers (insecure, token host).
 */
const comparable = (a: Answers) => {
  const { release: _release, ...rest } = stripSecrets(a);
  if (rest.registry.mode !== 'private') return rest;
  const { insecure: _insecure, tokenHost: _tokenHost, ...registry } = rest.registry;
  return { ...rest, registry };
};

for (const name of examples) {
  test(`import of examples/${name} reproduces its answers and its file`, async ({
    wizard,
    page,
  }) => {
    const files = ['values.yaml', 'secrets.yaml']
      .map((f) => path.join(dir, name, f))
      .filter(existsSync);
    const expected = completeAnswers(
      parse(readFileSync(path.join(dir, name, 'answers.yaml'), 'utf8')),
    ) as Answers;
    await wizard.open();
    await page.getByTestId('import-values').setInputFiles(files);
    await expect(page.getByTestId('panel-review')).toBeVisible();
    await expect(page.getByTestId('import-summary')).toContainText('Imported from values.yaml');
    if (name === 'quick-default') await wizard.shoot('i10-review-imported');

    // Every step is prefilled: the persisted (secret-free) answers equal the example's.
    await expect
      .poll(async () =>
        comparable(
          JSON.parse(
            (await page.evaluate(() => localStorage.getItem('lightrun-wizard:v1'))) ?? '{}',
          ).answers ?? {},
        ),
      )
      .toEqual(comparable(expected));

    // The files carry every secret too, so the plan is complete and renders back to the same bytes.
    await expect(page.getByTestId('review-valid')).toBeVisible();
    await expect(page.getByTestId('diff-none')).toBeVisible();
    await expect(page.getByTestId('values-changes-none')).toBeVisible();
    await expect(page.getByTestId('import-findings-none')).toBeVisible();
    if (files.length > 1) await page.getByTestId('split-secrets').check();
    expect(await wizard.download('download-values')).toBe(readFileSync(files[0]!, 'utf8'));
    if (files.length > 1)
      expect(await wizard.download('download-secrets')).toBe(readFileSync(files[1]!, 'utf8'));
  });
}

test('keys the wizard does not model are kept as is and shown', async ({ wizard, page }) => {
  await wizard.open();
  const text =
    `${readFileSync(path.join(dir, 'quick-default', 'values.yaml'), 'utf8')}extraObjects:\n  - kind: ConfigMap\n`.replace(
      '\n  backend:\n',
      '\n  backend:\n    podAnnotations:\n      team: payments\n',
    );
  await page
    .getByTestId('import-values')
    .setInputFiles({ name: 'values.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  // a real key of the chart the wizard does not model is kept; a key 3.9.4 does not have is told apart
  await expect(page.getByTestId('kept-keys')).toHaveText(
    'deployments.backend.podAnnotations.team — kept as is',
  );
  await expect(page.getByTestId('unknown-keys')).toHaveText(
    'extraObjects — not a key of the chart',
  );
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
  await page.getByTestId('import-values').setInputFiles({
    name: 'values.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('general: [unclosed'),
  });
  await expect(page.getByTestId('notice')).toContainText('not valid YAML');
});

test('a file Helm itself refuses (.inf) is refused with Helm’s reason and the path, in one file or two', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await page.getByTestId('import-values').setInputFiles({
    name: 'values.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('general:\n  mq:\n    storage: .inf\n'),
  });
  await expect(page.getByTestId('notice')).toContainText(
    'Helm cannot read this file: the value at general.mq.storage is .inf, a number JSON has no form for (Helm stops with "json: unsupported value: +Inf"). Quote it (".inf") if you meant the text, or remove it.',
  );
  await expect(page.getByTestId('notice')).not.toContainText('not valid YAML');
  await wizard.shoot('i10-import-refused-inf');
  await page.getByTestId('import-values').setInputFiles([
    { name: 'values.yaml', mimeType: 'text/yaml', buffer: Buffer.from('general:\n  name: x\n') },
    { name: 'secrets.yaml', mimeType: 'text/yaml', buffer: Buffer.from('~: 1\n') },
  ]);
  await expect(page.getByTestId('notice')).toContainText(
    'secrets.yaml: Helm cannot read this file: a top-level key is ~, a null key',
  );
});

test('the vendor’s own default values.yaml imports without noise: nothing kept, nothing unknown', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  // the reference beside the repository, as the unit tests of lib/values read it
  const vendor = path.join(root, '..', 'shared', 'reference', 'lightrun-chart-3.9.4-values.yaml');
  await page
    .getByTestId('import-values')
    .setInputFiles({ name: 'values.yaml', mimeType: 'text/yaml', buffer: readFileSync(vendor) });
  await expect(page.getByTestId('import-summary')).toContainText(
    'Imported from values.yaml. Every key that differs from the chart defaults is modelled by the wizard.',
  );
  await expect(page.getByTestId('kept-keys')).toHaveCount(0);
  await expect(page.getByTestId('unknown-keys')).toHaveCount(0);
  // the file as written: the traps of the vendor defaults (docs/chart-3.9.4.md §16) come first
  await expect(page.getByTestId('import-findings')).toContainText(
    'deployments.backend.image.tag: Empty image tag: the image renders as "lightruncom/…:" and the pod never starts.',
  );
  await expect(page.getByTestId('import-findings')).toContainText(
    'secrets.defaults.dockerhub_config: Both existingSecret and configContent are empty',
  );
});

test('import tells typos from real keys, notes how Helm reads the file, and lists what the wizard changes', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  const text =
    'general:\n  lightrun_endpoint: x.example.com\n  endpont: y\n  readOnlyRootFilesystem: "false"\ndeployments:\n  backend:\n    replicas: 0123\n';
  await page
    .getByTestId('import-values')
    .setInputFiles({ name: 'values.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(
    page.getByTestId('import-summary').locator('[data-testid^="import-findings"], h3').first(),
  ).toHaveAttribute('data-testid', 'import-findings');
  await expect(page.getByTestId('import-findings')).toContainText(
    'general.readOnlyRootFilesystem: "false" is not a boolean: the chart reads it as true',
  );
  await expect(page.getByTestId('unknown-keys')).toHaveText(
    'general.endpont — not a key of the chart',
  );
  await expect(page.getByTestId('import-notes')).toContainText(
    'deployments.backend.replicas: Helm reads 0123 as the number 83, not 123',
  );
  await expect(page.getByTestId('import-notes')).toContainText(
    'general.readOnlyRootFilesystem: "false" is not a boolean; the chart reads it as true',
  );
  await expect(page.getByTestId('values-changes')).toContainText(
    'general.readOnlyRootFilesystem: "false" → true',
  );
  await expect(page.getByTestId('kept-keys')).toHaveCount(0);
  await wizard.shoot('i10-review-import-findings');
});
