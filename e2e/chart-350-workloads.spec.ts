// Issue 27: chart 3.50's workload answers on the Sizing step — crons on/off with its cost, heap
// dumps on an existing claim (an empty name refused, T5; RWX said as a warning), one node
// selection that MySQL and RabbitMQ follow — shown for a 3.50 plan only, written as the CLI writes
// them, and reset when the plan goes back to 3.9.4.
import { checkValues } from '../lib/values/check';
import { parseValuesYaml } from '../lib/values/to-yaml';
import { cliRender, expect, pageProblems, test } from './fixtures';

test('chart 3.50: crons, heap dumps and node selection on Sizing, refused where wrong, written as the CLI writes them; gone for 3.9.4', async ({
  wizard,
  page,
}) => {
  const problems = pageProblems(page);
  await wizard.open();
  await wizard.step('sizing');
  await expect(page.getByText('Workloads (chart 3.50)')).toHaveCount(0); // a 3.9.4 plan
  await wizard.step('endpoint');
  await wizard.choose('chart', '3.50.0');
  await wizard.quickPath('w350.lightrun.example.com');
  await wizard.step('sizing');
  const preview = page.getByTestId('yaml-preview');
  await expect(page.getByTestId('choice-workloads.crons-true')).toBeChecked();
  await expect(page.getByTestId('choice-workloads.heapDumps.mode-off')).toBeChecked();

  // heap dumps on a claim: no name is refused (T5), a name taken, the RWX warning shown
  await wizard.choose('workloads.heapDumps.mode', 'claim');
  await expect(wizard.error('workloads.heapDumps.claim')).toContainText(
    'name the existing PersistentVolumeClaim',
  );
  await wizard.field('workloads.heapDumps.claim').fill('Dumps');
  await expect(wizard.error('workloads.heapDumps.claim')).toContainText('lowercase letters');
  await wizard.field('workloads.heapDumps.claim').fill('lightrun-dumps');
  await expect(wizard.error('workloads.heapDumps.claim')).toHaveCount(0);
  await expect(page.getByTestId('step-warnings')).toContainText('it must be ReadWriteMany');
  await expect(preview).toContainText('existingClaim: "lightrun-dumps"');

  // node selection: MySQL and RabbitMQ are said to follow; a bad line refused at its field
  await page.getByText('Node selection (optional)').click();
  await expect(page.getByTestId('node-selection-note')).toContainText(
    'every workload but MySQL and RabbitMQ',
  );
  await wizard.field('workloads.nodeSelector').fill('pool');
  await wizard.field('workloads.nodeSelector').press('Tab');
  await expect(page.locator('[data-testid^="error-workloads.nodeSelector"]').first()).toContainText(
    'write a node label as key=value',
  );
  await wizard.field('workloads.nodeSelector').fill('pool=lightrun');
  await wizard.field('workloads.tolerations').fill('dedicated=lightrun:NoSchedule');
  await wizard.field('workloads.tolerations').press('Tab');
  await expect(page.locator('[data-testid^="error-workloads"]')).toHaveCount(0);
  await wizard.shoot('chart350-workloads-01-sizing');

  // crons off: the claim then serves the backend alone, and the cost is said
  await wizard.choose('workloads.crons', 'false');
  await expect(page.getByTestId('step-warnings')).toContainText('Crons off');
  await wizard.shoot('chart350-workloads-02-crons-off');

  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  const values = await wizard.download('download-values');
  const answers = await wizard.download('download-answers');
  expect(parseValuesYaml(values)).toMatchObject({
    general: {
      crons: { enabled: false },
      nodeSelector: { pool: 'lightrun' },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'lightrun', effect: 'NoSchedule' },
      ],
    },
    deployments: {
      backend: { dumpsPersistence: { enabled: true, existingClaim: 'lightrun-dumps' } },
      mysql: { nodeSelector: { pool: 'lightrun' } },
      rabbitmq: { nodeSelector: { pool: 'lightrun' } },
    },
  });
  expect(cliRender(answers)['values.yaml']).toBe(values);
  expect(checkValues([parseValuesYaml(values)])).toEqual([]);
  await wizard.shoot('chart350-workloads-03-review');

  // back to 3.9.4: reset, no fields, nothing in the file
  await wizard.step('endpoint');
  await wizard.choose('chart', '3.9.4');
  await expect(preview).not.toContainText('nodeSelector');
  await expect(preview).not.toContainText('dumpsPersistence');
  await wizard.step('sizing');
  await expect(page.getByText('Workloads (chart 3.50)')).toHaveCount(0);
  await wizard.step('review');
  await expect(page.getByTestId('review-valid')).toBeVisible();
  expect(problems).toEqual([]);
});
