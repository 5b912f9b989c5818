/**
 * 6. Values engine: is rendering and importing fast enough to run on every keystroke? Median and
 * p99 per operation over many runs after a warm-up (no cluster, no browser).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { answersSchema, completeAnswers } from '../lib/answers';
import { importYaml, renderYaml } from '../lib/values';
import { ms, type Row } from './lib/report';
import { percentile } from './lib/stats';

const ITERATIONS = Number(process.env.BENCH_VALUES_RUNS ?? 300);
/** One frame at 60 Hz: what a keystroke's work is compared with (the issue sets no target here). */
const KEYSTROKE_MS = 16.7;

export async function valuesEngine() {
  const root = path.resolve(__dirname, '..');
  const reference = readFileSync(
    path.join(root, '..', 'shared', 'reference', 'lightrun-chart-3.9.4-values.yaml'),
    'utf8',
  );
  const answers = answersSchema.parse(
    completeAnswers(
      parse(readFileSync(path.join(root, 'examples', 'mq-local-metrics', 'answers.yaml'), 'utf8')),
    ),
  );
  const fullText = renderYaml(answers, { full: true }).values;
  const rows: Row[] = [];
  const bench = (name: string, fn: () => unknown, keystroke = false) => {
    for (let i = 0; i < 20; i++) fn(); // warm-up
    const t: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const s = performance.now();
      fn();
      t.push(performance.now() - s);
    }
    const p99 = percentile(t, 99);
    rows.push({
      bench: 'values',
      metric: name,
      value: `median ${ms(percentile(t, 50))} · p99 ${ms(p99)}`,
      baseline: '',
      target: '',
      met: null,
      note: keystroke
        ? `median ${percentile(t, 50) < KEYSTROKE_MS ? 'under' : 'over'} one frame (${KEYSTROKE_MS} ms)`
        : '',
    });
  };
  bench('validate answers (schema + every cross-field rule)', () =>
    answersSchema.safeParse(answers),
  );
  bench('render minimal values.yaml', () => renderYaml(answers));
  bench('render minimal, masked (the live preview)', () =>
    renderYaml(answers, { maskSecrets: true }),
  );
  bench('render full values.yaml', () => renderYaml(answers, { full: true }));
  bench('render split values.yaml + secrets.yaml', () =>
    renderYaml(answers, { splitSecrets: true }),
  );
  bench('import the vendor 3.9.4 values.yaml (44 KB)', () => importYaml(reference));
  bench('import a full rendered file', () => importYaml(fullText));
  bench(
    'one keystroke: validate + masked preview',
    () => {
      answersSchema.safeParse(answers);
      renderYaml(answers, { maskSecrets: true });
    },
    true,
  );
  return {
    id: 'values',
    title: '6. Values engine',
    ranAt: new Date().toISOString(),
    rows,
    details: [
      `${ITERATIONS} runs per operation after 20 warm-up runs, in the benchmark process, on the mq-local-metrics example. Import runs once per file; a keystroke must stay under a frame.`,
    ],
  };
}
