/**
 * 7. Preflight under load (issue 26 #6): 20 preflights at once against the local cluster, and
 * meanwhile another client's small requests. Each preflight used to build a new TLS context per
 * API call (~0.4 s of blocked event loop each): 20 of them stalled every other request 7.3 s.
 * Figures: the other client's worst and p95 latency during the load against its idle baseline.
 */
import { performance } from 'node:perf_hooks';
import type { Ctx } from './lib/context';
import { AUTH_HEADERS, log, sleep } from './lib/env';
import { ms, type Row } from './lib/report';
import { percentile } from './lib/stats';

const PREFLIGHTS = Number(process.env.BENCH_PREFLIGHTS ?? 20);
/** The other client's allowance: no request slowed by more than this (the target). */
const TARGET_MS = 500;

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(url, { headers: AUTH_HEADERS });
  await r.arrayBuffer();
  return performance.now() - t;
}

/** Another client: a small GET every 50 ms until `until` resolves; its latencies. */
async function otherClient(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const out: number[] = [];
  while (!done) {
    out.push(await timed(url));
    await sleep(50);
  }
  return out;
}

async function preflight(base: string, body: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${base}/api/preflight`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, ...AUTH_HEADERS },
    body,
  });
  await r.text(); // the NDJSON stream to its end
  return performance.now() - t;
}

/** BENCH_PREFLIGHT_PROFILE=DIR: the server's CPU profile of the run is written there (--cpu-prof). */
const PROFILE_DIR = process.env.BENCH_PREFLIGHT_PROFILE;

export async function preflightLoad(ctx: Ctx) {
  const app = await ctx.freshApp(
    PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : {},
  );
  try {
    const probe = `${app.url}/api/install/jobs`;
    for (let i = 0; i < 10; i++) await timed(probe); // warm-up
    const idle: number[] = [];
    for (let i = 0; i < 40; i++) idle.push(await timed(probe));
    const body = JSON.stringify({
      answers: ctx.answers(),
      namespace: ctx.ns('pfload'),
      release: 'lr',
    });
    await preflight(app.url, body); // the route compiled and warm
    log(`${PREFLIGHTS} preflights at once…`);
    const t0 = performance.now();
    const all = Promise.all(Array.from({ length: PREFLIGHTS }, () => preflight(app.url, body)));
    const during = await otherClient(probe, all);
    const durations = await all;
    const wall = performance.now() - t0;
    const idleP95 = percentile(idle, 95);
    const worst = Math.max(...during);
    const slowed = worst - idleP95;
    const rows: Row[] = [
      {
        bench: 'preflight-load',
        metric: `another client's request during ${PREFLIGHTS} concurrent preflights: worst (p95)`,
        value: `${ms(worst)} (${ms(percentile(during, 95))}), ${during.length} requests`,
        baseline: `idle p95 ${ms(idleP95)}`,
        target: `slowed ≤ ${TARGET_MS} ms`,
        met: slowed <= TARGET_MS,
        note: `slowed by ${ms(slowed)}`,
      },
      {
        bench: 'preflight-load',
        metric: `${PREFLIGHTS} preflights: wall time, each (median / max)`,
        value: `${ms(wall)}; ${ms(percentile(durations, 50))} / ${ms(Math.max(...durations))}`,
        baseline: '',
        target: '',
        met: null,
        note: 'preflights beyond the concurrent cap wait their turn',
      },
    ];
    return {
      id: 'preflight-load',
      title: '7. Preflight under load',
      ranAt: new Date().toISOString(),
      rows,
      details: [],
    };
  } finally {
    await app.stop();
  }
}
