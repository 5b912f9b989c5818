/**
 * 4. Page weight: first-load JavaScript (gzip -9 of every <script src> the HTML loads, noModule
 * excluded) of every page route of the production build, fetched from the running server, against
 * an empty Next page built with the same Next and React. Target: every route ≤ 1.35× the floor.
 */
import path from 'node:path';
import type { Ctx } from './lib/context';
import {
  BUDGET,
  emptyApp,
  firstLoad,
  firstLoadOf,
  kB,
  pageRoutes,
  versions,
} from './lib/first-load.mjs';
import { AUTH_HEADERS, log, root } from './lib/env';
import { times, type Row } from './lib/report';

/** A sample value for each dynamic segment (a job id of the right shape, unknown to the server). */
const SAMPLE: Record<string, string> = { jobId: '00000000-0000-4000-8000-000000000000' };
export const fillRoute = (route: string) =>
  route === '/_not-found'
    ? '/no-such-page'
    : route.replace(/\[([^\]/]+)\]/g, (_, name: string) => SAMPLE[name] ?? 'sample');

export async function pageWeight(ctx: Ctx) {
  const app = await ctx.app(false);
  const empty = firstLoad(
    emptyApp((m) => log(m)),
    'index',
  );
  const rows: Row[] = [];
  for (const route of pageRoutes(root).filter((r) => r !== '/_global-error')) {
    const url = `${app.url}${fillRoute(route)}`;
    const res = await fetch(url, { headers: AUTH_HEADERS });
    const html = await res.text();
    const r = await firstLoadOf(html, async (src) =>
      Buffer.from(await (await fetch(`${app.url}/_next/${src}`)).arrayBuffer()),
    );
    const ratio = r.gzip / empty.gzip;
    rows.push({
      bench: 'page-weight',
      metric: `${route} (HTTP ${res.status})`,
      value: `${kB(r.gzip)} gzip (${kB(r.raw)} raw, ${r.files.length} files)`,
      baseline: `empty page ${kB(empty.gzip)}`,
      target: `≤ ${BUDGET}× (${kB(empty.gzip * BUDGET)})`,
      met: ratio <= BUDGET,
      note: `${times(ratio)}; ${ratio <= BUDGET ? `${kB(empty.gzip * BUDGET - r.gzip)} to spare` : `${kB(r.gzip - empty.gzip * BUDGET)} over`}`,
    });
  }
  return {
    id: 'page-weight',
    title: '4. Page weight',
    ranAt: new Date().toISOString(),
    rows,
    details: [
      `Next ${versions.next}, React ${versions.react}. Each route's HTML fetched from the production server (dynamic segments filled with a sample; /_not-found is what any unknown URL gets; /_global-error is not a page of its own), its scripts fetched as the browser would and gzipped at level 9; the empty page (one empty <main> in a root layout, in ${path.basename(emptyApp(() => undefined))}) measured the same way from its build. \`npm run bench:bundle\` measures the wizard's / alone from the build.`,
    ],
  };
}
