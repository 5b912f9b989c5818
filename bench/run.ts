/**
 * `npm run bench [-- NAME…] [--build] [--chart 3.50.0]`: the benchmark suite. Starts what it needs
 * (the local cluster, the production app, Chromium) and stops what it started; prints a table and
 * writes bench/results.md (and results.json, so running one benchmark updates only its section).
 * Names: latency diagnosis scale page-weight install values preflight-load (default: all, in that
 * order). `--chart 3.50.0` runs latency and diagnosis on a 3.50 plan (bench/lib/profile.ts) and
 * writes them as sections of their own beside the 3.9.4 ones.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChartVersion } from '../lib/answers/sections';
import { createContext, type Ctx } from './lib/context';
import { log, machine, root } from './lib/env';
import { parseArgs, PROFILED, sectionId, sectionOrder, sectionTitle } from './lib/profile';
import {
  formatTable,
  keptNotes,
  resultsMarkdown,
  type BenchSection,
  type Machine,
} from './lib/report';
import { latency } from './latency';
import { diagnosis } from './diagnosis';
import { scale } from './scale';
import { pageWeight } from './page-weight';
import { install } from './install';
import { valuesEngine } from './values';
import { preflightLoad } from './preflight-load';

const BENCHES: Record<
  string,
  { title: string; run: (ctx: Ctx, profile: ChartVersion) => Promise<BenchSection> }
> = {
  latency: { title: '1. Status latency', run: latency },
  diagnosis: { title: '2. Time to diagnosis', run: diagnosis },
  scale: { title: '3. Scale', run: scale },
  'page-weight': { title: '4. Page weight', run: pageWeight },
  install: { title: '5. Install overhead', run: install },
  values: { title: '6. Values engine', run: valuesEngine },
  'preflight-load': { title: '7. Preflight under load', run: preflightLoad },
};
const ORDER = Object.keys(BENCHES);

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const { names, profile } = args;
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${ORDER.join(', ')}`);
    return 2;
  }
  const all = profile === '3.9.4' ? ORDER : [...PROFILED];
  const selected = names.length ? ORDER.filter((n) => names.includes(n)) : all;
  const m: Machine = machine();
  const jsonFile = path.join(root, 'bench', 'results.json');
  const previous: BenchSection[] = existsSync(jsonFile)
    ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as { sections: BenchSection[] }).sections
    : [];
  const { ctx, close } = createContext({ build: args.build });
  const sections: BenchSection[] = [];
  const t0 = Date.now();
  try {
    for (const name of selected) {
      const started = Date.now();
      const load = machine().load;
      const title = sectionTitle(BENCHES[name]!.title, profile);
      log(`— ${title} —`);
      try {
        sections.push({ ...(await BENCHES[name]!.run(ctx, profile)), load });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log(`${name} failed: ${message}`);
        sections.push({
          id: sectionId(name, profile),
          title,
          ranAt: new Date().toISOString(),
          load,
          rows: [
            {
              bench: name,
              metric: 'run',
              value: 'did not finish',
              baseline: '',
              target: 'finishes',
              met: false,
              note: message.split('\n')[0]!.slice(0, 300),
            },
          ],
          details: [],
        });
      }
      log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await close();
  }
  console.log(`\n${formatTable(sections.flatMap((s) => s.rows))}\n`);
  const merged = sectionOrder(ORDER)
    .map((id) => sections.find((s) => s.id === id) ?? previous.find((s) => s.id === id))
    .filter((s): s is BenchSection => s !== undefined);
  writeFileSync(jsonFile, JSON.stringify({ machine: m, sections: merged }, null, 2) + '\n');
  const md = path.join(root, 'bench', 'results.md');
  const kept = existsSync(md) ? keptNotes(readFileSync(md, 'utf8')) : '';
  writeFileSync(md, resultsMarkdown(m, merged, kept));
  log(
    `wrote bench/results.md (${selected.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  return sections.some((s) => s.rows.some((r) => r.metric === 'run' && r.met === false)) ? 1 : 0;
}

void main().then((code) => process.exit(code));
