// Benchmark (not a test): is rendering and importing fast enough to run on every keystroke?
// `npm run bench` prints median and p99 latency per operation over many iterations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { answersSchema, completeAnswers } from '../lib/answers';
import { importYaml, renderYaml } from '../lib/values';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const reference = readFileSync(path.join(root, '..', 'shared', 'reference', 'lightrun-chart-3.9.4-values.yaml'), 'utf8');
const answers = answersSchema.parse(completeAnswers(parse(readFileSync(path.join(root, 'examples', 'mq-local-metrics', 'answers.yaml'), 'utf8'))));
const fullText = renderYaml(answers, { full: true }).values;

function bench(name: string, fn: () => unknown, iterations = 300): void {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!.toFixed(2);
  console.log(`${name.padEnd(44)} median ${q(0.5).padStart(7)} ms   p99 ${q(0.99).padStart(7)} ms   (${iterations} runs)`);
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
bench('validate answers (answersSchema.safeParse)', () => answersSchema.safeParse(answers));
bench('render minimal values.yaml', () => renderYaml(answers));
bench('render minimal, masked (preview)', () => renderYaml(answers, { maskSecrets: true }));
bench('render full values.yaml', () => renderYaml(answers, { full: true }));
bench('render split values.yaml + secrets.yaml', () => renderYaml(answers, { splitSecrets: true }));
bench('import the vendor 3.9.4 values.yaml', () => importYaml(reference));
bench('import a full rendered file', () => importYaml(fullText));
bench('keystroke: validate + render masked preview', () => {
  answersSchema.safeParse(answers);
  renderYaml(answers, { maskSecrets: true });
});
