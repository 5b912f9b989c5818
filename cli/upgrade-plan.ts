/**
 * `npm run --silent cli -- upgrade-plan --values RELEASE.yaml [--out-dir D] [--force]`: the plan to
 * move a running 3.9.4 release to chart 3.50 (docs/upgrade.md, docs/chart-3.50.md §13) from its
 * values as `helm get values <release> -o yaml` prints them. The plan goes to stdout; with
 * --out-dir the translated values-3.50.yaml is written there (0600: it holds the release's
 * passwords). It runs nothing: helm and kubectl stay the admin's.
 */
import { detectChartProfile } from '../lib/values/chart-profile';
import { toYaml } from '../lib/values/to-yaml';
import type { Tree } from '../lib/values/tree';
import { readValuesFile, ValuesFileError } from '../lib/values/values-file';
import { upgradePlan, type UpgradePlan } from '../lib/upgrade/plan';
import type { Fate } from '../lib/upgrade/types';
import { parseFlagsAsProblems } from './flags';
import { OutDirError, writeOutFiles } from './out-dir';
import { readTextFile } from './read-file';
import { RequestProblems } from '../lib/target';

export const UPGRADE_PLAN_USAGE =
  '  upgrade-plan --values RELEASE.yaml [--out-dir D] [--force]   the 3.9.4 → 3.50 plan of a release from its `helm get values -o yaml`; --out-dir writes values-3.50.yaml';

const VALUES_FILE = 'values-3.50.yaml';

/** The plan as the terminal shows it; no value of the release appears in it. */
export function planText(plan: UpgradePlan): string {
  const lines = ['Upgrade plan: chart 3.9.4 → 3.50.0 (docs/upgrade.md)', ''];
  lines.push('Before and during the upgrade, in this order:');
  plan.steps.forEach((s, i) =>
    lines.push(`  ${i + 1}. ${s.text}${s.because.length ? ` [${s.because.join(', ')}]` : ''}`),
  );
  const count = (k: Fate['fate']) => plan.rows.filter((r) => r.fate === k).length;
  lines.push(
    '',
    `What becomes of each setting (${count('translated')} translated, ${count('dropped')} dropped, ${count('kept')} kept; anything not listed carries over as it is):`,
  );
  for (const r of plan.rows) {
    const to = r.to.length ? ` → ${r.to.join(', ')}` : '';
    lines.push(
      `  ${r.fate.padEnd(10)} ${r.from.join(', ') || r.id}${to}`,
      `             ${r.tell}`,
    );
  }
  lines.push('', 'What cannot be undone:');
  for (const item of plan.oneWay.items) lines.push(`  - ${item}`);
  lines.push(`  ${plan.oneWay.rollback}`);
  if (plan.carryOver.length) {
    lines.push('', 'Must stay as the running release has them:');
    for (const p of plan.carryOver) lines.push(`  - ${p.why}`);
  }
  return `${lines.join('\n')}\n`;
}

function readRelease(file: string): unknown {
  try {
    return readValuesFile(readTextFile(file)).values;
  } catch (e) {
    if (e instanceof ValuesFileError)
      throw new RequestProblems([{ path: file, message: e.message }]);
    throw e;
  }
}

/** Runs the command (argv after `cli --`); resolves to the exit code. */
export function runUpgradePlan(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  try {
    const flags = parseFlagsAsProblems(argv, {
      value: new Set(['--values', '--out-dir']),
      bool: new Set(['--force']),
    });
    const file = flags.get('--values');
    if (!file)
      throw new RequestProblems([
        {
          path: '--values',
          message: 'needs the file `helm get values <release> -n <namespace> -o yaml` wrote.',
        },
      ]);
    const values = readRelease(file);
    if (detectChartProfile(values).version === '3.50.0')
      throw new RequestProblems([
        {
          path: file,
          message: 'these values are already for chart 3.50: there is nothing to translate.',
        },
      ]);
    const plan = upgradePlan(values);
    out(planText(plan));
    const dir = flags.get('--out-dir');
    if (dir) {
      const header =
        'Lightrun chart 3.50.0 values translated from a 3.9.4 release by the wizard (docs/upgrade.md)';
      const content = toYaml(plan.values as Tree, { header });
      for (const line of writeOutFiles(dir, [{ name: VALUES_FILE, content }], flags.has('--force')))
        err(`${line}\n`);
      err(`${VALUES_FILE} holds the release's passwords: keep it out of version control\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof RequestProblems) {
      for (const p of e.problems) err(`${p.path}: ${p.message}\n`);
      err(`${UPGRADE_PLAN_USAGE}\n`);
      return 2;
    }
    if (e instanceof OutDirError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
