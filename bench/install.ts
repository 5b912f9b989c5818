/**
 * 5. Install overhead: wall time of a wizard install — the headless CLI (`npm run cli -- install`,
 * process start included) and the browser (POST /api/install from the wizard's page and the client-side
 * navigation its Install button makes, then the dashboard until it says Succeeded) — against a plain `helm upgrade --install --wait` of the same values on
 * the same cluster, alternating, REPS each, every run in a fresh namespace. Target: ratio ≤ 1.05.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Ctx } from './lib/context';
import { AUTH_HEADERS, deleteNamespace, log, nowMs, root, sleep } from './lib/env';
import { ms, times, type Row } from './lib/report';
import { median, ratio } from './lib/stats';
import { resolveAnswers } from '../lib/target';
import { renderYaml } from '../lib/values';
import { ensureCliBundle } from '../scripts/lib/cli-bundle.mjs';

const REPS = Number(process.env.BENCH_INSTALL_REPS ?? 5);
const TARGET = 1.05;

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const t0 = nowMs();
    let out = '';
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ ms: nowMs() - t0, code, out }));
  });
}

/** The job's events (id, type, step/state, at) from its SSE stream, read to `done`. */
async function jobEvents(
  url: string,
): Promise<Array<{ type: string; step?: string; state?: string; at: string }>> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 30_000);
  let text = '';
  try {
    const res = await fetch(url, { signal: ac.signal, headers: AUTH_HEADERS });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    // Until the done event's line is complete (a read can end inside it).
    while (!/"type":"done".*\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
  } catch {
    /* the deadline: phases are left out */
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .flatMap((l) => {
      try {
        return [JSON.parse(l.slice(6))];
      } catch {
        return []; // a line cut by the deadline
      }
    });
}

/** Where a browser install's time goes, from the job's own event times (ms since the request). */
const PHASES = [
  'request → job started (release records read)',
  'namespace + Secrets + values file',
  'helm upgrade --install (--wait=hookOnly)',
  'manifest from the release record',
  'readiness from the watch',
  'done → "Succeeded" in the page',
] as const;
function phasesOf(
  t0: number,
  tDom: number,
  es: Awaited<ReturnType<typeof jobEvents>>,
): number[] | null {
  const at = (f: (e: (typeof es)[number]) => boolean) => {
    const e = es.find(f);
    return e ? Date.parse(e.at) : NaN;
  };
  const marks = [
    t0,
    at((e) => e.type === 'job'),
    at((e) => e.type === 'step' && e.step === 'helm' && e.state === 'running'),
    at((e) => e.type === 'step' && e.step === 'helm' && e.state === 'done'),
    at((e) => e.type === 'expected'),
    at((e) => e.type === 'done'),
    tDom,
  ];
  if (marks.some((m) => Number.isNaN(m))) return null;
  return marks.slice(1).map((m, i) => m - marks[i]!);
}

export async function install(ctx: Ctx) {
  const cluster = ctx.cluster();
  const k = await ctx.kube();
  const app = await ctx.app();
  const browser = await ctx.browser();
  const answersFile = path.join(root, 'examples/quick-default/answers.yaml');
  const values = path.join(ctx.tmp, 'install-values.yaml');
  writeFileSync(values, renderYaml(resolveAnswers(ctx.answers())).values, { mode: 0o600 });
  const env = { KUBECONFIG: cluster.kubeconfig, HELM: cluster.helm };
  const page = await (
    await browser.newContext({ extraHTTPHeaders: { ...AUTH_HEADERS } })
  ).newPage();
  // The dashboard route once before the runs (the server's first render of a route compiles it).
  await page.goto(`${app.url}/install/00000000-0000-4000-8000-000000000000`);
  // Pods left by something else take the fake nodes' CPU: installs then wait for the scheduler and
  // every figure here doubles. Said in the results rather than silently measured.
  const others = (
    await k.request<{ items: { metadata: { namespace: string } }[] }>('GET', '/api/v1/pods')
  ).body.items.filter((p) => p.metadata.namespace !== 'kube-system');
  if (others.length)
    log(
      `install: WARNING ${others.length} pods of other namespaces are on the cluster (${[...new Set(others.map((p) => p.metadata.namespace))].join(', ')}): figures will be slower`,
    );
  const t = { cli: [] as number[], browser: [] as number[], helm: [] as number[] };
  const phases: number[][] = [];
  const cliStart: number[] = [];
  const nodeStart: number[] = [];
  const kinds = ['cli', 'browser', 'helm'] as const;
  for (let r = 0; r < REPS; r++) {
    // Alternate the order as well, so no variant always runs first after a clean-up.
    const order = r % 2 === 0 ? kinds : [...kinds].reverse();
    for (const kind of order) {
      const ns = ctx.ns(`inst-${kind}`);
      log(`install: ${kind} ${r + 1}/${REPS} in ${ns} …`);
      let elapsed: number;
      try {
        if (kind === 'cli') {
          const res = await run(
            process.execPath,
            [
              await ensureCliBundle(),
              'install',
              '--chart',
              'bundled',
              '--answers',
              answersFile,
              '--namespace',
              ns,
              '--release',
              'lightrun',
            ],
            env,
          );
          if (res.code !== 0)
            throw new Error(`cli install exited ${res.code}: ${res.out.slice(-800)}`);
          elapsed = res.ms;
          // The CLI's floor: the same process doing nothing but start and print its usage.
          cliStart.push((await run(process.execPath, [await ensureCliBundle(), '--help'], env)).ms);
          // And Node's own start, which no CLI written for Node can go below (helm is a Go binary).
          nodeStart.push((await run(process.execPath, ['-e', '0'], env)).ms);
        } else if (kind === 'helm') {
          const res = await run(
            cluster.helm,
            [
              'upgrade',
              '--install',
              'lightrun',
              path.join(root, 'chart'),
              '--namespace',
              ns,
              '--create-namespace',
              '-f',
              values,
              '--wait',
              '--timeout=5m',
            ],
            env,
          );
          if (res.code !== 0) throw new Error(`helm exited ${res.code}: ${res.out.slice(-800)}`);
          elapsed = res.ms;
        } else {
          // From the wizard's page, as the admin's Install button does it (install-panel.tsx): the
          // POST, then the App Router's client-side push to the dashboard (no full page load).
          await page.goto(`${app.url}/`);
          await page.waitForLoadState('networkidle');
          const t0 = nowMs();
          const jobId = await page.evaluate(
            async (body) => {
              const res = await fetch('/api/install', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
              });
              const id = ((await res.json()) as { jobId: string }).jobId;
              const router = (
                window as unknown as { next?: { router?: { push: (href: string) => void } } }
              ).next?.router;
              if (!router)
                throw new Error(
                  'window.next.router is missing: the App Router no longer exposes it',
                );
              router.push(
                `/install/${encodeURIComponent(id)}?${new URLSearchParams({ namespace: body.namespace, release: body.release })}`,
              );
              return id;
            },
            { answers: ctx.answers(), namespace: ns, release: 'lightrun' },
          );
          await page.waitForFunction(
            () =>
              document.querySelector(
                '[data-testid=job-status].succeeded, [data-testid=job-status].failed',
              ),
            undefined,
            { timeout: 300_000, polling: 'raf' },
          );
          elapsed = nowMs() - t0;
          if (!(await page.locator('[data-testid=job-status].succeeded').count()))
            throw new Error(
              `browser install in ${ns} failed: ${await page.getByTestId('job-status').textContent()}`,
            );
          const p = phasesOf(
            t0,
            t0 + elapsed,
            await jobEvents(`${app.url}/api/install/${encodeURIComponent(jobId)}/events`),
          );
          if (p) phases.push(p);
        }
      } finally {
        // Always: a release left behind holds the nodes' CPU and slows every later run.
        await deleteNamespace(k, ns);
      }
      t[kind].push(elapsed);
      await sleep(2000); // let the namespace deletion's churn pass before the next run
    }
  }
  await page.context().close();
  const h = median(t.helm);
  const rows: Row[] = [
    {
      bench: 'install',
      metric: `plain helm upgrade --install --wait (median of ${REPS})`,
      value: ms(h),
      baseline: '',
      target: '',
      met: null,
      note: `runs: ${t.helm.map(ms).join(', ')}`,
    },
  ];
  for (const kind of ['cli', 'browser'] as const) {
    const m = median(t[kind]);
    const q = ratio(m, h);
    rows.push({
      bench: 'install',
      metric: `wizard ${kind === 'cli' ? 'headless CLI (process start included)' : 'in the browser (Install request from the wizard\'s page to "Succeeded" on the dashboard)'} (median of ${REPS})`,
      value: ms(m),
      baseline: `helm ${ms(h)}`,
      target: `≤ ${TARGET}×`,
      met: q <= TARGET,
      note: `${times(q)} (${q <= TARGET ? 'within by' : 'over by'} ${ms(Math.abs(m - h * TARGET))}); runs: ${t[kind].map(ms).join(', ')}`,
    });
  }
  if (phases.length) {
    const med = PHASES.map((_, i) => median(phases.map((p) => p[i]!)));
    rows.push({
      bench: 'install',
      metric: `browser install, where the time goes (median of ${phases.length}, from the job's event times)`,
      value: ms(med.reduce((a, b) => a + b, 0)),
      baseline: '',
      target: '',
      met: null,
      note: PHASES.map((n, i) => `${n} ${ms(med[i]!)}`).join('; '),
    });
  }
  if (cliStart.length) {
    const c = median(cliStart);
    rows.push({
      bench: 'install',
      metric: `CLI start alone: \`--help\` of the same bundle (median of ${cliStart.length})`,
      value: ms(c),
      baseline: `helm ${ms(h)}`,
      target: '',
      met: null,
      note: `the CLI install minus its start: ${ms(median(t.cli) - c)} (${times(ratio(median(t.cli) - c, h))} helm)`,
    });
    const n = median(nodeStart);
    rows.push({
      bench: 'install',
      metric: `Node's own start: \`node -e 0\` (median of ${nodeStart.length})`,
      value: ms(n),
      baseline: `5 % of helm: ${ms(h * (TARGET - 1))}`,
      target: '',
      met: null,
      note: `the bundle's load and the CLI's set-up take the other ${ms(c - n)} of its start; the CLI install minus Node's start: ${times(ratio(median(t.cli) - n, h))} helm`,
    });
  }
  return {
    id: 'install',
    title: '5. Install overhead',
    ranAt: new Date().toISOString(),
    rows,
    details: [
      ...(others.length
        ? [
            `At the start ${others.length} pods of other namespaces were on the cluster: every variant ran slower.`,
          ]
        : ['At the start no other pods were on the cluster.']),
      `The quick-default example, the bundled chart, helm v4 (${path.basename(cluster.helm)}) for all three; each run in a fresh namespace (deleted after), the three variants alternating (order reversed every other round), ${REPS} rounds. The wizard runs namespace → secrets → helm (--wait=hookOnly) → its own readiness watch; helm --wait uses its own watcher.`,
    ],
  };
}
