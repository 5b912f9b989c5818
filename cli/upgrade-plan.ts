/**
 * `npm run --silent cli -- upgrade-plan`: the plan to move a running 3.9.4 release to chart 3.50
 * (docs/upgrade.md, docs/chart-3.50.md §13), either
 * - from its values as `helm get values <release> -o yaml` printed them (`--values FILE`), or
 * - from the live release (`--release R --namespace N [--context C] [--chart DIR_OR_REF]`): its
 *   values, manifest, chart and revision through helm, its namespace's claims through the API,
 *   and the target chart rendered with the translated values; the plan then also says what helm
 *   will do to the objects and claims. A release of another chart than 3.9.4 is refused.
 * The plan goes to stdout as text, or as JSON with --json (never the values: they hold the
 * release's passwords); with --out-dir the translated values-3.50.yaml is written there (0600).
 * It changes nothing: helm and kubectl stay the admin's.
 */
import { detectChartProfile } from '../lib/values/chart-profile';
import type { Tree } from '../lib/values/tree';
import { readValuesFile, ValuesFileError } from '../lib/values/values-file';
import { upgradePlan, type ServerDryRun, type UpgradePlan } from '../lib/upgrade/plan';
import type { ObjectsPlan } from '../lib/upgrade/objects';
import type { Fate } from '../lib/upgrade/types';
import { parseFlagsAsProblems } from './flags';
import { OutDirError, writeOutFiles } from './out-dir';
import { readTextFile } from './read-file';
import { RequestProblems } from '../lib/target';
import { chartFromFlag } from './install';
import { ReleaseReadError } from '../lib/install/upgrade-source';
import {
  NotChart394,
  planLiveRelease,
  planWithoutValues,
  valuesFileText,
  type PlannedRelease,
} from '../lib/install/upgrade-plan';

export const UPGRADE_PLAN_USAGE = `  upgrade-plan --values RELEASE.yaml [--out-dir D] [--force] [--json]   the 3.9.4 → 3.50 plan of a release from its \`helm get values -o yaml\`; --out-dir writes values-3.50.yaml
  upgrade-plan --release R [--namespace N] [--context C] [--chart DIR_OR_REF] [--out-dir D] [--force] [--json]
                                     the same plan read from the live release, with the objects and claims helm will delete, create, change or keep`;

const VALUES_FILE = 'values-3.50.yaml';

/** Where the plan came from: a values file, or a live release. */
export interface PlanSource {
  release?: PlannedRelease;
}

const ref = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;

/** The objects part of the text: what helm does, the claims, what users notice. */
export function objectsText(o: ObjectsPlan): string[] {
  const lines = [
    '',
    'What helm will do to the objects (the release’s manifest against the new render):',
  ];
  lines.push(`  deleted (${o.deleted.length}): ${o.deleted.map(ref).join(', ') || '—'}`);
  lines.push(`  created (${o.created.length}): ${o.created.map(ref).join(', ') || '—'}`);
  lines.push(`  changed (${o.changed.length}), unchanged (${o.unchanged}):`);
  for (const c of o.changed) lines.push(`    ${ref(c)}: ${c.fields.join(', ')}`);
  if (o.replaced.length) lines.push('  not updated in place:');
  for (const r of o.replaced)
    lines.push(`    ${r.helmFails ? 'FAILS' : 'replaced'} ${ref(r)}: ${r.why}`);
  lines.push('', 'Claims kept (same claim, same UID):');
  for (const c of o.claimsKept) lines.push(`  - ${c.name} (UID ${c.uid}) of ${c.of}`);
  if (!o.claimsKept.length) lines.push('  —');
  if (o.claimsAtRisk.length) lines.push('', 'Claims at risk:');
  for (const c of o.claimsAtRisk) lines.push(`  - ${c.name} (UID ${c.uid}): ${c.why}`);
  if (o.userVisible.length) lines.push('', 'What the users notice:');
  for (const u of o.userVisible) lines.push(`  - ${u}`);
  return lines;
}

/** The API server's verdict on the changed objects: helm's upgrade fails on each it refused. */
export function dryRunText(d: ServerDryRun): string[] {
  const n = d.accepted + d.refused.length;
  if (!d.refused.length)
    return ['', `The API server's dry run of the ${n} changed objects: all accepted.`];
  return [
    '',
    `The API server's dry run of the ${n} changed objects: ${d.refused.length} refused — helm's upgrade would fail on each:`,
    ...d.refused.map((r) => `  - ${r.kind}/${r.name}: ${r.message}`),
  ];
}

/** The plan as the terminal shows it; no value of the release appears in it. */
export function planText(plan: UpgradePlan, source: PlanSource = {}): string {
  const lines = ['Upgrade plan: chart 3.9.4 → 3.50.0 (docs/upgrade.md)'];
  const r = source.release;
  if (r)
    lines.push(`Release ${r.name} in ${r.namespace}: revision ${r.revision}, chart ${r.chart}`);
  lines.push('', 'Before and during the upgrade, in this order:');
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
  if (plan.objects) lines.push(...objectsText(plan.objects));
  if (plan.dryRun) lines.push(...dryRunText(plan.dryRun));
  lines.push('', 'What cannot be undone:');
  for (const item of plan.oneWay.items) lines.push(`  - ${item}`);
  lines.push(`  ${plan.oneWay.rollback}`);
  if (plan.carryOver.length) {
    lines.push('', 'Must stay as the running release has them:');
    for (const p of plan.carryOver) lines.push(`  - ${p.why}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The plan as JSON: everything but the translated values (they hold the release's passwords). */
export function planJson(plan: UpgradePlan, source: PlanSource = {}): string {
  return `${JSON.stringify(planWithoutValues(plan, source.release), null, 2)}\n`;
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

type Flags = Map<string, string>;

function planOfFile(flags: Flags, file: string): { plan: UpgradePlan; source: PlanSource } {
  if (flags.has('--release') || flags.has('--chart'))
    throw new RequestProblems([
      {
        path: '--values',
        message: 'reads a values file: --release and --chart do not go with it.',
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
  return { plan: upgradePlan(values), source: {} };
}

async function planOfRelease(flags: Flags): Promise<{ plan: UpgradePlan; source: PlanSource }> {
  const { plan, release } = await planLiveRelease(
    {
      ...(flags.has('--context') ? { context: flags.get('--context')! } : {}),
      ...(flags.has('--namespace') ? { namespace: flags.get('--namespace')! } : {}),
      release: flags.get('--release')!,
    },
    chartFromFlag(flags.get('--chart'), undefined),
  );
  return { plan, source: { release } };
}

function writeValues(flags: Flags, plan: UpgradePlan, err: (s: string) => void) {
  const dir = flags.get('--out-dir');
  if (!dir) return;
  const content = valuesFileText(plan.values as Tree);
  for (const line of writeOutFiles(dir, [{ name: VALUES_FILE, content }], flags.has('--force')))
    err(`${line}\n`);
  err(`${VALUES_FILE} holds the release's passwords: keep it out of version control\n`);
}

/** The error a failed run prints, and its exit code; anything else is rethrown. */
function failure(e: unknown): { lines: string[]; code: number } {
  if (e instanceof RequestProblems)
    return {
      lines: [...e.problems.map((p) => `${p.path}: ${p.message}`), UPGRADE_PLAN_USAGE],
      code: 2,
    };
  if (e instanceof OutDirError || e instanceof NotChart394) return { lines: [e.message], code: 2 };
  if (e instanceof ReleaseReadError) return { lines: [e.message], code: 1 };
  // as cli install says them (cli/install.ts): no kubeconfig or no helm is the admin's to fix
  const err = e as Error & { problem?: { message: string; fix: string } };
  if (err.name === 'HelmNotFoundError' || err.name === 'KubeconfigError')
    return { lines: err.problem ? [err.problem.message, err.problem.fix] : [err.message], code: 2 };
  throw e;
}

/** Runs the command (argv after `cli --`); resolves to the exit code. */
export async function runUpgradePlan(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  try {
    const flags = parseFlagsAsProblems(argv, {
      value: new Set(['--values', '--out-dir', '--release', '--namespace', '--context', '--chart']),
      bool: new Set(['--force', '--json']),
    });
    const file = flags.get('--values');
    if (!file && !flags.has('--release'))
      throw new RequestProblems([
        {
          path: '--values',
          message:
            'needs the file `helm get values <release> -n <namespace> -o yaml` wrote, or --release to read the release itself.',
        },
      ]);
    const { plan, source } = file ? planOfFile(flags, file) : await planOfRelease(flags);
    out(flags.has('--json') ? planJson(plan, source) : planText(plan, source));
    writeValues(flags, plan, err);
    // exit 2 when helm would fail: an object the API server refused in the dry run
    return plan.dryRun?.refused.length ? 2 : 0;
  } catch (e) {
    const f = failure(e);
    for (const l of f.lines) err(`${l}\n`);
    return f.code;
  }
}
