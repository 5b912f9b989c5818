/**
 * 3. Scale: 1,000 pods in the namespace, 50 status changes a second for 60 s, with 1 and with 20
 * dashboards open (each phase on a freshly started wizard server with the same pods, so both start
 * from the same job log). Targets: the final table equals the API's, longest frame < 50 ms,
 * server RSS within 10 % from 1 to 20 viewers.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { Ctx } from './lib/context';
import {
  createPods,
  holdChart,
  openDashboard,
  podName,
  setStatus,
  startHoldJob,
  tableOf,
  waitRows,
} from './lib/dashboard';
import {
  APP_PORTS,
  AUTH_HEADERS,
  createNamespace,
  deleteNamespace,
  freePort,
  launchChromium,
  log,
  procUsage,
  sleep,
  type Kube,
} from './lib/env';
import { connectInspector, type HeapFigures } from './lib/inspector';
import { ms, type Row } from './lib/report';
import { podColumns } from '../lib/status/pod-status';
import type { PodLike } from '../lib/status/k8s-types';

const PODS = Number(process.env.BENCH_SCALE_PODS ?? 1000);
const RATE = 50;
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 60);
const VIEWERS = [1, Number(process.env.BENCH_SCALE_VIEWERS ?? 20)].filter((v) => v > 0);
/** Seconds of the idle baseline: the same dashboard, no changes (what the loaded machine alone costs a frame). */
const IDLE_SECONDS = 10;
/** Dashboard renders every phase's server has done before the load (see phase()). */
const WARM_RENDERS = Math.max(...VIEWERS);
/** A directory: the server's heap snapshot is written there at the start of the load and once settled (`VIEWERS-start`, `VIEWERS-settled`), for bench/heap-diff.ts. */
const SNAPSHOTS = process.env.BENCH_SCALE_SNAPSHOTS;
/** A directory: the first dashboard's CPU profile over the load is written there (`VIEWERS-page.cpuprofile`). */
const PROFILE = process.env.BENCH_SCALE_PROFILE;
/** A directory: screenshots of the first dashboard once it shows the final table (`VIEWERS-top.png`, `VIEWERS-rows.png`). */
const SHOTS = process.env.BENCH_SCALE_SCREENSHOTS;

interface Phase {
  viewers: number;
  changes: number;
  achievedRate: number;
  mismatches: number[];
  longestFrameMs: number;
  loafMaxMs: number;
  loafCount: number;
  busyMs: number;
  cost: Cost;
  idle: { longestFrameMs: number; loafMaxMs: number; busyMs: number } | null;
  /** An empty page in the same Chromium during the same load (1 viewer only): what the machine alone does to a frame. */
  control: { longestFrameMs: number; loafMaxMs: number; loafCount: number } | null;
  rssStartMiB: number;
  rssEndMiB: number;
  rssPeakMiB: number;
  cpuPct: number;
  heapStart: HeapFigures;
  heapEnd: HeapFigures;
  rssAfterGcStart: number;
  rssAfterGcEnd: number;
  /** After every dashboard shows the final table: nothing is still queued for a slow stream. */
  heapSettled: HeapFigures;
  rssAfterGcSettled: number;
}

const FRAME_PROBE = `(() => {
  const f = (window.__frames = { max: 0, last: 0, on: true, loafMax: 0, loafCount: 0 });
  const tick = (t) => { if (f.last && f.on) f.max = Math.max(f.max, t - f.last); f.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  f.loafs = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) {
    if (!f.on) continue;
    f.loafCount++; f.loafMax = Math.max(f.loafMax, e.duration);
    // What the longest frames ran (kept: the 5 longest): who invoked each script and for how long.
    f.loafs.push({ at: Math.round(e.startTime), ms: Math.round(e.duration), render: Math.round(e.startTime + e.duration - (e.renderStart || e.startTime + e.duration)), scripts: (e.scripts || []).map((s) => ({ invoker: s.invoker, type: s.invokerType, ms: Math.round(s.duration), forced: Math.round(s.forcedStyleAndLayoutDuration || 0) })) });
    f.loafs.sort((a, b) => b.ms - a.ms); f.loafs.length = Math.min(f.loafs.length, 5);
  } }).observe({ type: 'long-animation-frame', buffered: false }); } catch {}
})();`;

type Cost = { task: number; script: number; layout: number; style: number };
/** Chromium's cumulative main-thread seconds (CDP Performance.getMetrics). */
async function costs(cdp: CDPSession): Promise<Cost> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? 0;
  return {
    task: m('TaskDuration'),
    script: m('ScriptDuration'),
    layout: m('LayoutDuration'),
    style: m('RecalcStyleDuration'),
  };
}
const costDelta = (a: Cost, b: Cost): Cost => ({
  task: (b.task - a.task) * 1000,
  script: (b.script - a.script) * 1000,
  layout: (b.layout - a.layout) * 1000,
  style: (b.style - a.style) * 1000,
});
type Loaf = {
  at: number;
  ms: number;
  render: number;
  scripts: { invoker: string; type: string; ms: number; forced: number }[];
};
type Frames = { max: number; loafMax: number; loafCount: number; loafs: Loaf[] };
const resetFrames = (p: Page) =>
  p.evaluate(() => {
    const f = (window as unknown as { __frames: Frames }).__frames;
    f.max = 0;
    f.loafMax = 0;
    f.loafCount = 0;
    f.loafs = [];
  });
const readFrames = (p: Page) =>
  p.evaluate(() => ({ ...(window as unknown as { __frames: Frames }).__frames }));

async function apiTable(k: Kube, ns: string): Promise<Record<string, string>> {
  const r = await k.request<{ items: (PodLike & { metadata: { name: string } })[] }>(
    'GET',
    `/api/v1/namespaces/${ns}/pods`,
  );
  return Object.fromEntries(r.body.items.map((p) => [p.metadata.name, podColumns(p).status]));
}

const diffCount = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let n = 0;
  for (const key of keys) if (a[key] !== b[key]) n++;
  return n;
};

async function phase(
  ctx: Ctx,
  ns: string,
  chart: string,
  viewers: number,
  names: string[],
  tag: string,
): Promise<Phase> {
  const k = await ctx.kube();
  const browser = await ctx.browser();
  // The server's V8 inspector on a loopback port of its own: its heap after a full collection.
  const inspectPort = await freePort(APP_PORTS.to + 1, APP_PORTS.to + 100);
  const app = await ctx.freshApp({ NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` });
  const inspector = await connectInspector(inspectPort);
  const pages: Page[] = [];
  let control: Page | null = null;
  try {
    const jobId = await startHoldJob(ctx, app, ns, chart);
    // Every phase's server first renders the dashboard as many times as the largest phase opens
    // it (pages opened, shown in full, closed): V8 compiles and optimises its code the more often
    // it runs (feedback vectors, baseline and optimised code: ~3 MiB in a 20-page server's heap
    // snapshot), which is warm-up, not what each open dashboard keeps.
    // The warm-up pages live in a Chromium of their own, closed before the measured viewers open:
    // a browser cleaning up 19 closed pages is not what the measured page's frames should show.
    if (viewers < WARM_RENDERS) {
      const warm = await launchChromium();
      try {
        for (let w = viewers; w < WARM_RENDERS; w++) {
          const page = await openDashboard(warm, app, jobId, { rows: false, problems: false });
          await waitRows(page, names.length + 1, 300_000);
          await page.context().close();
        }
      } finally {
        await warm.close();
      }
    }
    for (let v = 0; v < viewers; v++) {
      const page = await openDashboard(browser, app, jobId, { rows: false, problems: false });
      if (v === 0) await page.evaluate(FRAME_PROBE); // evaluate, not a script tag: the page's CSP allows no inline script
      pages.push(page);
    }
    for (const p of pages) await waitRows(p, names.length + 1, 300_000);
    log(
      `scale: ${viewers} dashboard(s) show ${names.length + 1} pods; ${RATE} changes/s for ${SECONDS} s …`,
    );
    await sleep(3000);
    const cdp = await pages[0]!.context().newCDPSession(pages[0]!);
    await cdp.send('Performance.enable');
    let idle: Phase['idle'] = null;
    if (viewers === 1) {
      control = await (
        await browser.newContext({
          viewport: { width: 1400, height: 900 },
          extraHTTPHeaders: { ...AUTH_HEADERS },
        })
      ).newPage();
      await control.setContent(
        '<!doctype html><title>control</title><p>An empty page: its frames during the load are what the machine alone costs.</p>',
      );
      await control.evaluate(FRAME_PROBE);
      await resetFrames(pages[0]!);
      const c0 = await costs(cdp);
      await sleep(IDLE_SECONDS * 1000);
      const f = await readFrames(pages[0]!);
      idle = {
        longestFrameMs: f.max,
        loafMaxMs: f.loafMax,
        busyMs: (costDelta(c0, await costs(cdp)).task / IDLE_SECONDS) * SECONDS,
      };
    }
    const heapStart = await inspector.heapAfterGc();
    const rssAfterGcStart = procUsage(app.pid).rssKiB / 1024;
    if (SNAPSHOTS) await inspector.snapshot(path.join(SNAPSHOTS, `${viewers}-start.heapsnapshot`));
    if (PROFILE) {
      // Started before the frames are reset: starting holds the page's main thread (it lists every compiled function).
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await resetFrames(pages[0]!);
    if (control) await resetFrames(control);
    const c0 = await costs(cdp);
    const u0 = procUsage(app.pid);
    let peak = u0.rssKiB;
    const sampler = setInterval(() => {
      peak = Math.max(peak, procUsage(app.pid).rssKiB);
    }, 1000);
    const t0 = Date.now();
    const total = RATE * SECONDS;
    let done = 0;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      while (inFlight.size >= 32) await Promise.race(inFlight);
      const pr: Promise<void> = setStatus(
        k,
        ns,
        names[Math.floor(Math.random() * names.length)]!,
        `${tag}-${i}`,
      ).then(() => {
        done++;
        inFlight.delete(pr);
      });
      inFlight.add(pr);
    }
    await Promise.all(inFlight);
    const elapsed = (Date.now() - t0) / 1000;
    const cost = costDelta(c0, await costs(cdp));
    const frames = await readFrames(pages[0]!);
    const controlFrames = control ? await readFrames(control) : null;
    if (PROFILE) {
      // Stopped after the frames are read: collecting the profile holds the page's main thread.
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      await writeFile(path.join(PROFILE, `${viewers}-page.cpuprofile`), JSON.stringify(profile));
    }
    for (const l of frames.loafs)
      log(
        `scale: ${viewers} viewer(s): long frame ${l.ms} ms at ${l.at} ms (render ${l.render} ms): ${l.scripts.map((x) => `${x.invoker} [${x.type}] ${x.ms} ms${x.forced ? ` (forced layout ${x.forced} ms)` : ''}`).join('; ') || 'no script'}`,
      );
    clearInterval(sampler);
    const u1 = procUsage(app.pid);
    const heapEnd = await inspector.heapAfterGc();
    const rssAfterGcEnd = procUsage(app.pid).rssKiB / 1024;
    // The final state: give the last changes time to arrive, then compare every table with the API's.
    const api = await apiTable(k, ns);
    const mismatches: number[] = [];
    for (const p of pages) {
      let n = Infinity;
      for (let t = 0; t < 40 && n > 0; t++) {
        n = diffCount(await tableOf(p), api);
        if (n > 0) await sleep(500);
      }
      mismatches.push(n);
    }
    if (SHOTS) {
      await pages[0]!.screenshot({ path: path.join(SHOTS, `${viewers}-top.png`) });
      // Rows past the first blocks: content-visibility and the block boundaries must not show.
      await pages[0]!
        .locator('[data-testid=pod-row]')
        .nth(Math.min(names.length, 120))
        .scrollIntoViewIfNeeded();
      await pages[0]!.screenshot({ path: path.join(SHOTS, `${viewers}-rows.png`) });
    }
    const heapSettled = await inspector.heapAfterGc();
    const rssAfterGcSettled = procUsage(app.pid).rssKiB / 1024;
    if (SNAPSHOTS)
      await inspector.snapshot(path.join(SNAPSHOTS, `${viewers}-settled.heapsnapshot`));
    return {
      viewers,
      changes: done,
      achievedRate: done / elapsed,
      mismatches,
      longestFrameMs: frames.max,
      loafMaxMs: frames.loafMax,
      loafCount: frames.loafCount,
      busyMs: cost.task,
      cost,
      idle,
      control: controlFrames && {
        longestFrameMs: controlFrames.max,
        loafMaxMs: controlFrames.loafMax,
        loafCount: controlFrames.loafCount,
      },
      rssStartMiB: u0.rssKiB / 1024,
      rssEndMiB: u1.rssKiB / 1024,
      rssPeakMiB: Math.max(peak, u1.rssKiB) / 1024,
      cpuPct: ((u1.cpuMs - u0.cpuMs) / (elapsed * 1000)) * 100,
      heapStart,
      heapEnd,
      rssAfterGcStart,
      rssAfterGcEnd,
      heapSettled,
      rssAfterGcSettled,
    };
  } finally {
    for (const p of pages)
      await p
        .context()
        .close()
        .catch(() => undefined);
    await control
      ?.context()
      .close()
      .catch(() => undefined);
    inspector.close();
    await app.stop();
  }
}

export async function scale(ctx: Ctx) {
  const k = await ctx.kube();
  const ns = ctx.ns('scale');
  await createNamespace(k, ns);
  try {
    const names = Array.from({ length: PODS }, (_, i) => podName(i));
    log(`scale: creating ${PODS} pods …`);
    await createPods(k, ns, names);
    const chart = holdChart(ctx);
    const phases: Phase[] = [];
    for (const [i, v] of VIEWERS.entries())
      phases.push(await phase(ctx, ns, chart, v, names, `S${i}`));
    const [one, many = one] = phases as [Phase, Phase?];
    const rows: Row[] = [];
    for (const p of phases) {
      const missed = p.mismatches.reduce((a, b) => a + b, 0);
      rows.push({
        bench: 'scale',
        metric: `${p.viewers} viewer(s): final tables = the API's (${PODS + 1} pods each)`,
        value: `${missed} rows differ`,
        baseline: `${p.changes} changes at ${p.achievedRate.toFixed(1)}/s`,
        target: 'no missed state',
        met: missed === 0,
        note: missed
          ? `per viewer: ${p.mismatches.join(', ')}`
          : `${p.mismatches.length} table(s) checked`,
      });
      rows.push({
        bench: 'scale',
        metric: `${p.viewers} viewer(s): longest frame (first dashboard)`,
        value: ms(p.longestFrameMs),
        baseline: p.idle
          ? `idle: ${ms(p.idle.longestFrameMs)}, long frames max ${ms(p.idle.loafMaxMs)}${p.control ? `; an empty page during the same load: ${ms(p.control.longestFrameMs)} (${p.control.loafCount} long frames, max ${ms(p.control.loafMaxMs)})` : ''}`
          : '',
        target: p.viewers === 1 ? '< 50 ms' : '',
        met: p.viewers === 1 ? p.longestFrameMs < 50 : null,
        note: `${p.loafCount} long animation frames (max ${ms(p.loafMaxMs)})${p.viewers === 1 ? `; ${p.longestFrameMs < 50 ? 'under by' : 'over by'} ${ms(Math.abs(50 - p.longestFrameMs))}` : ''}`,
      });
      rows.push({
        bench: 'scale',
        metric: `${p.viewers} viewer(s): main-thread busy (first dashboard)`,
        value: `${ms(p.busyMs)} in ${SECONDS} s (${((p.busyMs / (SECONDS * 1000)) * 100).toFixed(1)} %)`,
        baseline: p.idle ? `idle ${ms(p.idle.busyMs)} per ${SECONDS} s` : '',
        target: '',
        met: null,
        note: `script ${ms(p.cost.script)}, style ${ms(p.cost.style)}, layout ${ms(p.cost.layout)}`,
      });
      rows.push({
        bench: 'scale',
        metric: `${p.viewers} viewer(s): server RSS / CPU`,
        value: `RSS ${p.rssEndMiB.toFixed(0)} MiB at the end (peak ${p.rssPeakMiB.toFixed(0)}, start ${p.rssStartMiB.toFixed(0)}); CPU ${p.cpuPct.toFixed(1)} % of a core`,
        baseline: '',
        target: '',
        met: null,
        note: '',
      });
      rows.push({
        bench: 'scale',
        metric: `${p.viewers} viewer(s): server memory after a full GC (what stays)`,
        value: `heap ${p.heapEnd.heapUsedMiB.toFixed(1)} MiB when the load stops (start ${p.heapStart.heapUsedMiB.toFixed(1)}, settled ${p.heapSettled.heapUsedMiB.toFixed(1)}); RSS ${p.rssAfterGcEnd.toFixed(0)} MiB (start ${p.rssAfterGcStart.toFixed(0)}, settled ${p.rssAfterGcSettled.toFixed(0)})`,
        baseline: '',
        target: '',
        met: null,
        note: `external ${p.heapEnd.externalMiB.toFixed(1)} MiB; V8 heap committed once settled ${p.heapSettled.heapTotalMiB.toFixed(1)} MiB (new space ${(p.heapSettled.spacesMiB.new_space ?? 0).toFixed(1)}, code ${(p.heapSettled.spacesMiB.code_space ?? 0).toFixed(1)}, old ${(p.heapSettled.spacesMiB.old_space ?? 0).toFixed(1)})`,
      });
    }
    const growth = (many.rssPeakMiB - one.rssPeakMiB) / one.rssPeakMiB;
    // What the server keeps per viewer: after a full GC once every dashboard shows the final table
    // (when the load stops, events still queued for slow streams would count too; shown in the note).
    const kept =
      (many.heapSettled.heapUsedMiB - one.heapSettled.heapUsedMiB) / one.heapSettled.heapUsedMiB;
    const keptRss = (many.rssAfterGcSettled - one.rssAfterGcSettled) / one.rssAfterGcSettled;
    const keptRssAtStop = (many.rssAfterGcEnd - one.rssAfterGcEnd) / one.rssAfterGcEnd;
    rows.push({
      bench: 'scale',
      metric: `server RSS after a full GC, every dashboard settled, ${many.viewers} viewers vs 1`,
      value: `${(keptRss * 100).toFixed(1)} %`,
      baseline: `${one.rssAfterGcSettled.toFixed(0)} MiB with 1`,
      target: '≤ 10 %',
      met: keptRss <= 0.1,
      note: `${many.rssAfterGcSettled.toFixed(0)} MiB with ${many.viewers}; heap kept ${one.heapSettled.heapUsedMiB.toFixed(1)} → ${many.heapSettled.heapUsedMiB.toFixed(1)} MiB (${(kept * 100).toFixed(1)} %, ${(((many.heapSettled.heapUsedMiB - one.heapSettled.heapUsedMiB) / Math.max(1, many.viewers - one.viewers)) * 1024).toFixed(0)} KiB per extra viewer); read when the load stopped: RSS ${(keptRssAtStop * 100).toFixed(1)} %`,
    });
    rows.push({
      bench: 'scale',
      metric: `server peak RSS, ${many.viewers} viewers vs 1`,
      value: `${(growth * 100).toFixed(1)} %`,
      baseline: `${one.rssPeakMiB.toFixed(0)} MiB with 1`,
      target: '≤ 10 %',
      met: growth <= 0.1,
      note: `${many.rssPeakMiB.toFixed(0)} MiB with ${many.viewers}; CPU ${one.cpuPct.toFixed(1)} % → ${many.cpuPct.toFixed(1)} %${growth > 0.1 ? `; the peak includes garbage not yet collected: after a full GC the difference is ${(keptRss * 100).toFixed(1)} % (${(many.rssAfterGcSettled - one.rssAfterGcSettled).toFixed(0)} MiB) and the live heap ${(kept * 100).toFixed(1)} %` : ''}`,
    });
    return {
      id: 'scale',
      title: '3. Scale',
      ranAt: new Date().toISOString(),
      rows,
      details: [
        `${PODS} bare pods of the release (scheduling-gated, so only the benchmark writes their status) plus the release's own pod; ${RATE} status changes a second to random pods for ${SECONDS} s (up to 32 writes in flight), through the status subresource.`,
        `Each phase starts a fresh wizard server and a new install job of the same release, so 1 and 20 viewers start from the same job log; before its viewers open, each server renders the full dashboard until it has done so ${WARM_RENDERS} times in all (pages opened and closed, in a separate Chromium closed before the measured viewers open), so both phases compare servers equally warmed up (V8's compiled code and feedback grow with how often code has run: ~3 MiB of a 20-page server's heap). Every viewer is its own browser context in one headless Chromium on the same 2 cores as the server, the API server and the load.`,
        `Baseline: the same dashboard idle for ${IDLE_SECONDS} s just before the load (what the shared machine and the page's own clocks cost without a single change; an idle headless page also produces frames only every 500 ms, so its gap is not a frame time).`,
        "Server memory: RSS sampled each second (its peak includes garbage V8 has not collected yet), and at the start and end of the load, and again once every dashboard shows the final table, the heap after a full collection through the server's V8 inspector (`--inspect` on a loopback port, for the benchmark only) with the RSS right after it: what the server keeps per viewer.",
        'Control: during the 1-viewer load an empty page (its own browser context in the same Chromium, the same frame probe) runs beside the dashboard; its longest frame is what the shared 2 cores alone do to a page that renders nothing.',
        "Longest frame: the largest gap between two requestAnimationFrame callbacks of the first dashboard during the load; long animation frames from the Long Animation Frames API. Busy: Chromium's TaskDuration (CDP Performance.getMetrics) over the load. RSS sampled each second from /proc.",
      ],
    };
  } finally {
    await deleteNamespace(k, ns);
  }
}
