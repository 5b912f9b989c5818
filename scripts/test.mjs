// `npm test`: installs what the tests need, brings the local cluster up, runs every suite,
// brings the cluster down, and ends with one line `N passed, N failed` for all suites together.
//   npm test                       everything
//   npm test -- --only unit,e2e    a subset (format | lint | types | unit | services | cluster | e2e);
//                                  the cluster starts only if needed
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { clock, runBounded } from './lib/bounded.mjs';
import { ensureSupportedNode, pathWith } from './lib/node-runtime.mjs';
import { ensureChromium, ensureNodeModules, needsBuild, root } from './lib/setup.mjs';
import { formatCheck, lintCheck, typeCheck } from './lib/static-checks.mjs';

// First: on a Node older than package.json's engines, this re-runs under the pinned build, with
// it first on PATH for every suite's `node`/`npx`.
await ensureSupportedNode();
process.env.NEXT_TELEMETRY_DISABLED = '1';
// Every suite runs on this process's Node: the `node` on PATH (what `npx`, vitest, next and
// playwright start) is checked, and this one put first when it differs.
const nodeOnPath = () =>
  spawnSync('node', ['-p', 'process.version'], { encoding: 'utf8' }).stdout?.trim() || 'none';
if (nodeOnPath() !== process.version)
  process.env.PATH = pathWith(path.dirname(process.execPath), process.env.PATH);
const pathNode = nodeOnPath();
const nodeLine =
  pathNode === process.version
    ? `node ${process.version}`
    : `node ${process.version} (but \`node\` on PATH is ${pathNode})`;
console.log(`[test] ${nodeLine} (${process.execPath})`);
const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1].split(',')) : null;
const wants = (s) => !only || only.has(s);
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
// Failing tests are named again just above the totals, so the last lines of a long run say which.
const failures = [];
// Playwright's messages carry terminal colour codes (ESC [ … m).
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
function record(name, { passed, failed, skipped = 0 }, note = '') {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(
    `${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${note}`,
  );
}

// The whole run has a time budget (CI stops a run at 90 min and then shows nothing of it): each
// step gets at most its own cap and never more than what is left, and one that overruns is
// stopped, counted as a failure by name, and the run goes on to its totals line.
const budgetMin = Number(process.env.LW_TEST_BUDGET_MIN ?? 80);
const deadline = Date.now() + budgetMin * 60_000;
const CAP_MIN = {
  'cluster up': 30,
  'flux build': 25,
  unit: 25,
  cluster: 25,
  services: 10,
  build: 15,
  e2e: 45,
};
async function step(label, cmd, argv, env = {}) {
  const left = deadline - Date.now() - 60_000;
  if (left < 60_000) {
    console.log(`[test] ${clock()} ${label}: not run, the ${budgetMin} min budget is spent`);
    failures.push(`${label}: not run, the run's ${budgetMin} min budget was spent before it`);
    return 1;
  }
  const limitMs = Math.min(CAP_MIN[label] * 60_000, left);
  console.log(`[test] ${clock()} ${label}…`);
  const r = await runBounded(cmd, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    limitMs,
    label,
  });
  console.log(`[test] ${clock()} ${label} ended (${Math.round(r.ms / 1000)} s, exit ${r.code})`);
  if (r.timedOut)
    failures.push(
      `${label}: stopped after ${Math.round(limitMs / 60_000)} min (its last output is above)`,
    );
  return r.timedOut ? 124 : r.code;
}

ensureNodeModules();
// The static checks first: they take seconds and name what to fix in the last lines of the run.
for (const [name, check] of [
  ['format', formatCheck],
  ['lint', lintCheck],
  ['types', typeCheck],
]) {
  if (!wants(name)) continue;
  console.log(`[test] ${name}…`);
  const r = check(root);
  for (const p of r.problems) failures.push(`${name}: ${p}`);
  record(name, { passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 });
}
// The services suite needs it too: the database backup's round trip execs into a KWOK pod
// (test/upgrade/backup.services.test.ts).
const needCluster = wants('cluster') || wants('e2e') || wants('services');
let clusterUp = false;
// A cluster the developer started before `npm test` is reused and left running afterwards.
let clusterWasRunning = false;
if (needCluster) {
  const e = spawnSync('node', ['scripts/cluster/cluster.mjs', 'env', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  try {
    clusterWasRunning = e.status === 0 && JSON.parse(e.stdout).running === true;
  } catch {
    /* not running */
  }
  // Builds the control plane on a fresh machine (cached afterwards), then starts it.
  if ((await step('cluster up', 'node', ['scripts/cluster/cluster.mjs', 'up'])) !== 0) {
    record(
      'cluster set-up',
      { passed: 0, failed: 1 },
      ' (the local cluster did not come up; see .cluster/logs)',
    );
  } else clusterUp = true;
}
const clusterDir = process.env.LW_CLUSTER_DIR
  ? path.resolve(process.env.LW_CLUSTER_DIR)
  : path.join(root, '.cluster');
const clusterEnv = clusterUp
  ? { KUBECONFIG: path.join(clusterDir, 'kubeconfig'), TEST_CLUSTER: '1' }
  : {};

// Flux's controllers for test/gitops/flux.cluster.test.ts (docs/gitops.md): built once from their
// Go modules (cached by version, seconds afterwards), in a step of their own so that a cold build
// neither eats the cluster suite's time cap nor runs while other cluster suites do.
try {
  if (clusterUp && wants('cluster')) {
    const argv = ['scripts/cluster/build.mjs', 'source-controller', 'helm-controller'];
    if ((await step('flux build', 'node', argv)) !== 0)
      record('flux build', { passed: 0, failed: 1 }, ' (its output is above)');
  }
  for (const suite of ['unit', 'cluster']) {
    if (!wants(suite)) continue;
    if (suite === 'cluster' && !clusterUp) continue;
    const json = path.join(out, `vitest-${suite}.json`);
    rmSync(json, { force: true });
    const project = suite === 'unit' ? 'unit' : 'cluster';
    const code = await step(
      suite,
      'npx',
      [
        'vitest',
        'run',
        '--project',
        project,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
      ],
      clusterEnv,
    );
    record(`vitest ${suite}`, vitestCounts(json, code));
  }
  if (wants('services')) await runServicesSuite();
  if (wants('e2e')) await runE2e();
} finally {
  if (clusterUp && !clusterWasRunning && !process.env.KEEP_CLUSTER)
    spawnSync('node', ['scripts/cluster/cluster.mjs', 'down'], {
      stdio: 'inherit',
      cwd: root,
      timeout: 120_000,
    });
}

console.log('');
if (failures.length) {
  console.log('failed tests:');
  for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
  if (failures.length > 40) console.log(`  … and ${failures.length - 40} more`);
}
for (const l of lines) console.log(l);
console.log(nodeLine);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);

async function runE2e() {
  try {
    ensureChromium();
  } catch (e) {
    record('e2e set-up', { passed: 0, failed: 1 }, ` (Chromium: ${e.message})`);
    return;
  }
  // The production build the e2e server runs; skipped when no source is newer than the last one.
  if (needsBuild() && (await step('build', 'npx', ['next', 'build'])) !== 0) {
    record('e2e set-up', { passed: 0, failed: 1 }, ' (next build failed; its output is above)');
    return;
  }
  const json = path.join(out, 'playwright.json');
  rmSync(json, { force: true });
  const code = await step('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    ...clusterEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  });
  record('playwright e2e', playwrightCounts(json, code));
}

/** The suites that need real MariaDB/RabbitMQ: started just for them and always stopped. */
async function runServicesSuite() {
  const { startServices } = await import('./lib/services.mjs');
  let svc;
  try {
    console.log(`[test] ${clock()} services: starting MariaDB ×4 and RabbitMQ`);
    svc = await startServices();
  } catch (e) {
    record('services set-up', { passed: 0, failed: 1 }, ` (${e.message})`);
    return;
  }
  try {
    const json = path.join(out, 'vitest-services.json');
    rmSync(json, { force: true });
    const code = await step(
      'services',
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'services',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
      ],
      { ...clusterEnv, LW_SERVICES_FILE: svc.file },
    );
    record('vitest services', vitestCounts(json, code));
  } finally {
    await svc.stop();
  }
}

function vitestCounts(file, code) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const f of r.testResults ?? []) {
    for (const a of f.assertionResults ?? []) {
      if (a.status !== 'failed') continue;
      const why = String(a.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 200);
      failures.push(`${path.relative(root, f.name)} › ${a.fullName ?? a.title} — ${why}`);
    }
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) {
      failures.push(
        `${path.relative(root, f.name)} — ${String(f.message ?? '')
          .split('\n')[0]
          .slice(0, 200)}`,
      );
    }
  }
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file, code) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = report.stats ?? {};
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected' || t.status === 'flaky') {
          const err = t.results?.find((x) => x.error)?.error?.message ?? '';
          failures.push(
            `${spec.file}:${spec.line} › ${spec.title} (${t.status}) — ${String(err)
              .replace(ANSI_COLOUR, '')
              .split('\n')[0]
              .slice(0, 200)}`,
          );
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0) + (code !== 0 && !s.unexpected ? 1 : 0);
  return { passed: s.expected ?? 0, failed, skipped: s.skipped ?? 0 };
}
