/**
 * The dashboard under load: a release whose wait never ends on its own (one never-ready pod, so
 * the job keeps streaming), plus bare pods of the release that the benchmark changes through the
 * API's status subresource. The pods carry a scheduling gate, so neither the scheduler nor KWOK
 * writes to them: every change the dashboard shows is one the benchmark made.
 */
import type { Browser, Page } from '@playwright/test';
import type { ChartVersion } from '../../lib/answers/sections';
import type { Ctx } from './context';
import { AUTH_HEADERS, benchChartFiles, postInstall, sleep, type App, type Kube } from './env';
import { planFor } from './profile';

export const RELEASE = 'bench';
/** The KWOK failure label of the local cluster (scripts/cluster/stages.mjs). */
export const FAILURE_LABEL = 'sim.lightrun.dev/failure';

export function holdChart(ctx: Ctx): string {
  return ctx.writeDir(
    'chart-hold',
    benchChartFiles('hold', { [FAILURE_LABEL]: 'never-ready' }, {}),
  );
}

export const podName = (i: number) => `${RELEASE}-load-${String(i).padStart(4, '0')}`;

export function gatedPod(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/name': 'load' },
    },
    spec: {
      schedulingGates: [{ name: 'lightrun.dev/bench' }],
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'c', image: 'registry.example/bench/load:1.0' }],
    },
  };
}

/** Creates the pods, `concurrency` requests at a time. */
export async function createPods(
  k: Kube,
  ns: string,
  names: string[],
  concurrency = 16,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < names.length) {
        const name = names[next++]!;
        const r = await k.request('POST', `/api/v1/namespaces/${ns}/pods`, gatedPod(name));
        if (r.status !== 201 && r.status !== 409)
          throw new Error(
            `create pod ${name}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`,
          );
      }
    }),
  );
}

/** Sets the pod's one container to waiting with `reason` (kubectl's and the dashboard's STATUS). */
export async function setStatus(k: Kube, ns: string, name: string, reason: string): Promise<void> {
  const r = await k.request(
    'PATCH',
    `/api/v1/namespaces/${ns}/pods/${name}/status`,
    {
      status: {
        containerStatuses: [
          {
            name: 'c',
            image: 'registry.example/bench/load:1.0',
            imageID: '',
            ready: false,
            started: false,
            restartCount: 0,
            state: { waiting: { reason, message: 'set by the benchmark' } },
          },
        ],
      },
    },
    'application/merge-patch+json',
  );
  if (r.status !== 200)
    throw new Error(`patch status of ${name}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}

/**
 * Starts the install job of a release that never becomes ready in `ns`; returns its id. 3.9.4: the
 * one-Deployment hold chart. 3.50: a 3.50 plan installed with the bundled chart-3.50/ (the wizard's
 * install path), its router held never-ready through the plan's passthrough pod labels.
 */
export function startHeldRelease(
  ctx: Ctx,
  app: App,
  ns: string,
  profile: ChartVersion,
): Promise<string> {
  if (profile === '3.9.4') return startHoldJob(ctx, app, ns, holdChart(ctx));
  const hold = { deployments: { router: { podLabels: { [FAILURE_LABEL]: 'never-ready' } } } };
  return postInstall(app, {
    answers: planFor(ctx.answers(), profile, hold),
    namespace: ns,
    release: RELEASE,
    chart: { source: 'bundled' },
    timeoutSeconds: 3600,
  });
}

/**
 * The release's own pods (the chart's, not the benchmark's bare ones) once their number has held
 * still for 3 s: what the dashboard shows besides the bare pods.
 */
export async function settledReleasePods(
  k: Kube,
  ns: string,
  timeoutMs = 180_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const r = await k.request<{ items: { metadata: { name: string } }[] }>(
      'GET',
      `/api/v1/namespaces/${ns}/pods?labelSelector=app.kubernetes.io%2Finstance%3D${RELEASE}`,
    );
    const n = r.body.items.filter((p) => !p.metadata.name.startsWith(`${RELEASE}-load-`)).length;
    if (n !== last) [last, since] = [n, Date.now()];
    else if (n > 0 && Date.now() - since >= 3000) return n;
    await sleep(500);
  }
  throw new Error(`the release's pods in ${ns} did not settle within ${timeoutMs / 1000} s`);
}

/** Starts the install job of the hold chart in `ns`; returns its id. */
export function startHoldJob(ctx: Ctx, app: App, ns: string, chart: string): Promise<string> {
  return postInstall(app, {
    answers: ctx.answers(),
    namespace: ns,
    release: RELEASE,
    chart: { source: 'dir', ref: chart },
    timeoutSeconds: 3600,
  });
}

/**
 * Injected before the page's scripts: a MutationObserver that timestamps (performance.timeOrigin +
 * now(), the wall clock) every pod row's STATUS as it appears and, when `problems` is set, every
 * new text of a problem entry.
 */
export function observerScript(o: { rows: boolean; problems: boolean }): string {
  return `(() => {
  const b = (window.__bench = { rows: [], problems: [], seenProblems: new Set() });
  const now = () => performance.timeOrigin + performance.now();
  const row = (el, t) => b.rows.push([el.getAttribute('data-pod'), el.getAttribute('data-status'), t]);
  new MutationObserver((muts) => {
    const t = now();
    if (${o.rows}) for (const m of muts) {
      if (m.type === 'attributes') { if (m.target.matches && m.target.matches('[data-testid=pod-row]')) row(m.target, t); }
      else for (const n of m.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches('[data-testid=pod-row]')) row(n, t);
        else for (const r of n.querySelectorAll('[data-testid=pod-row]')) row(r, t);
      }
    }
    if (${o.problems}) for (const p of document.querySelectorAll('[data-testid=problem]')) {
      const key = (p.getAttribute('data-pod') || '') + '\\u0000' + p.textContent;
      if (!b.seenProblems.has(key)) { b.seenProblems.add(key); b.problems.push([p.getAttribute('data-pod'), p.textContent, t]); }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'], characterData: ${o.problems} });
})();`;
}

export type RowSeen = [pod: string, status: string, at: number];
export type ProblemSeen = [pod: string, text: string, at: number];

/** A new browser context with one dashboard page of the job, observer installed. */
export async function openDashboard(
  browser: Browser,
  app: App,
  jobId: string,
  o: { rows: boolean; problems: boolean },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  const page = await context.newPage();
  await page.addInitScript(observerScript(o));
  await page.goto(`${app.url}/install/${encodeURIComponent(jobId)}`);
  await page.getByTestId('install-dashboard').waitFor();
  return page;
}

export async function waitRows(page: Page, n: number, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid=pod-row]').length >= count,
    n,
    { timeout: timeoutMs, polling: 250 },
  );
}

/** Every pod row's STATUS as the dashboard shows it now. */
export function tableOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid=pod-row]')].map((r) => [
        r.getAttribute('data-pod') ?? '',
        r.getAttribute('data-status') ?? '',
      ]),
    ),
  );
}
