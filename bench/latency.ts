/**
 * 1. Status latency: N pod status changes written to the API server, each timed from the write's
 * acknowledgement to (a) a bare client-node watch, (b) `kubectl get pods -w`, (c) the dashboard's
 * DOM in Chromium (MutationObserver). Target: dashboard p95 ≤ bare watch p95 + 100 ms. With
 * `--chart 3.50.0` the release is a 3.50 plan installed with chart-3.50/ (its router held
 * never-ready), so the table also holds 3.50's own pods.
 */
import { spawn } from 'node:child_process';
import type { Ctx } from './lib/context';
import type { ChartVersion } from '../lib/answers/sections';
import {
  createPods,
  openDashboard,
  podName,
  setStatus,
  settledReleasePods,
  startHeldRelease,
  waitRows,
  type RowSeen,
} from './lib/dashboard';
import { bareWatch, createNamespace, deleteNamespace, log, nowMs, sleep } from './lib/env';
import { DEFAULT_PROFILE, sectionId, sectionTitle } from './lib/profile';
import { ms, type Row } from './lib/report';
import { summarize, type Summary } from './lib/stats';

const N = Number(process.env.BENCH_LATENCY_N ?? 240);
const PODS = 20;
const GAP_MS = 200;
const TARGET_MS = 100;

export async function latency(ctx: Ctx, profile: ChartVersion = DEFAULT_PROFILE) {
  const k = await ctx.kube();
  const cluster = ctx.cluster();
  const app = await ctx.app();
  const browser = await ctx.browser();
  const ns = ctx.ns('latency');
  await createNamespace(k, ns);
  try {
    const names = Array.from({ length: PODS }, (_, i) => podName(i));
    await createPods(k, ns, names);
    const jobId = await startHeldRelease(ctx, app, ns, profile);
    const page = await openDashboard(browser, app, jobId, { rows: true, problems: false });
    const releasePods = await settledReleasePods(k, ns);
    await waitRows(page, PODS + releasePods);

    const list = await k.request<{ metadata: { resourceVersion: string } }>(
      'GET',
      `/api/v1/namespaces/${ns}/pods`,
    );
    const seenBare = new Map<string, number>();
    const seenKubectl = new Map<string, number>();
    const watch = bareWatch(k.kc, ns, list.body.metadata.resourceVersion, (type, pod, at) => {
      const reason = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (type === 'MODIFIED' && reason && !seenBare.has(reason)) seenBare.set(reason, at);
    });
    const kubectl = spawn(
      cluster.kubectl,
      ['get', 'pods', '-n', ns, '-w', '--watch-only', '--no-headers'],
      {
        env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let buf = '';
    kubectl.stdout.on('data', (d: Buffer) => {
      const at = nowMs();
      buf += String(d);
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        const status = l.trim().split(/\s+/)[2];
        if (status?.startsWith('Bench') && !seenKubectl.has(status)) seenKubectl.set(status, at);
      }
    });
    await sleep(2000); // both watches established

    const acks: { marker: string; pod: string; ack: number }[] = [];
    log(`latency: ${N} status changes, one every ${GAP_MS} ms over ${PODS} pods …`);
    for (let i = 0; i < N; i++) {
      const marker = `Bench${i}`;
      const pod = names[i % PODS]!;
      await setStatus(k, ns, pod, marker);
      acks.push({ marker, pod, ack: nowMs() });
      await sleep(GAP_MS * (0.75 + Math.random() * 0.5));
    }
    await sleep(3000);
    watch.stop();
    kubectl.kill('SIGTERM');
    const rows = (await page.evaluate(
      () => (window as unknown as { __bench: { rows: RowSeen[] } }).__bench.rows,
    )) as RowSeen[];
    await page.context().close();
    const seenDom = new Map<string, number>();
    for (const [, status, at] of rows)
      if (status.startsWith('Bench') && !seenDom.has(status)) seenDom.set(status, at);

    const lat = (m: Map<string, number>) =>
      acks.filter((a) => m.has(a.marker)).map((a) => m.get(a.marker)! - a.ack);
    const bare = lat(seenBare);
    const kube = lat(seenKubectl);
    const dom = lat(seenDom);
    const missing = (m: Map<string, number>) => acks.filter((a) => !m.has(a.marker)).length;
    const sBare = summarize(bare);
    const sKube = summarize(kube);
    const sDom = summarize(dom);
    const fmt = (s: Summary) => `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · max ${ms(s.max)}`;
    const diff = sDom.p95 - sBare.p95;
    const met = diff <= TARGET_MS && missing(seenDom) === 0;
    const result: Row[] = [
      {
        bench: 'latency',
        metric: `bare client-node watch (${sBare.n} of ${N} changes)`,
        value: fmt(sBare),
        baseline: '',
        target: '',
        met: null,
        note: missing(seenBare) ? `${missing(seenBare)} not seen` : '',
      },
      {
        bench: 'latency',
        metric: `kubectl get pods -w (${sKube.n} of ${N})`,
        value: fmt(sKube),
        baseline: '',
        target: '',
        met: null,
        note: missing(seenKubectl) ? `${missing(seenKubectl)} not seen` : '',
      },
      {
        bench: 'latency',
        metric: `dashboard DOM, Chromium (${sDom.n} of ${N})`,
        value: fmt(sDom),
        baseline: '',
        target: '',
        met: null,
        note: missing(seenDom) ? `${missing(seenDom)} never shown` : '',
      },
      {
        bench: 'latency',
        metric: 'dashboard p95 − bare watch p95',
        value: ms(diff),
        baseline: `bare p95 ${ms(sBare.p95)}`,
        target: `≤ ${TARGET_MS} ms`,
        met,
        note: `${met ? 'within by' : 'over by'} ${ms(Math.abs(TARGET_MS - diff))}; dashboard p50 − bare p50 ${ms(sDom.p50 - sBare.p50)}; kubectl p95 − bare p95 ${ms(sKube.p95 - sBare.p95)}`,
      },
    ];
    return {
      id: sectionId('latency', profile),
      title: sectionTitle('1. Status latency', profile),
      ranAt: new Date().toISOString(),
      rows: result,
      details: [
        profile === '3.9.4'
          ? `The release: a one-Deployment chart whose pod never becomes ready (so the job keeps streaming), installed with the quick-default plan through POST /api/install; ${releasePods} pod of its own beside the ${PODS} bare pods.`
          : `The release: the quick-default plan for chart ${profile} (as the wizard switches it: generated encryption key, a local queue) installed with the bundled chart-3.50/ through POST /api/install, its router held never-ready (passthrough \`deployments.router.podLabels\`, the local cluster's never-ready label) so the job keeps streaming; ${releasePods} pods of 3.50's own workloads (Keycloak, MySQL and the queue as StatefulSets) beside the ${PODS} bare pods.`,
        `${N} changes (a container's waiting reason set through the status subresource, one every ${GAP_MS} ms ± 25 %, rotating over ${PODS} bare pods of the release, scheduling-gated so only the benchmark writes them), each timed from the API server's acknowledgement of the write (so a watch can see it a little before: the figure can be negative).`,
        "Bare watch: client-node's own `Watch` (2.x) in the benchmark process. kubectl: `kubectl get pods -w --watch-only`, timed when its line arrives on stdout. Dashboard: a MutationObserver in the page timestamps the row's STATUS attribute (performance.timeOrigin + now(), the same wall clock).",
        "Path to the DOM: API server → the wizard server's shared namespace watch → the job's tracker → job log → SSE → EventSource → fold once per animation frame → React commit.",
      ],
    };
  } finally {
    await deleteNamespace(k, ns);
  }
}
