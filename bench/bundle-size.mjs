// Benchmark (not a test): the first-load JavaScript of the wizard page against an empty page
// built with the same Next.js and React (DESIGN "Budgets": at most 1.35 times the empty page).
//   npm run bench:bundle            measure the existing production build (.next) of the wizard
//   npm run bench:bundle -- --build run `next build` first (--files lists every file)
// The baseline is a throwaway app (one empty page, root layout with <html><body>) in a temp dir
// outside the repo that symlinks this repo's node_modules; it is built once per Next/React
// version and cached there. "First load" is what the page's HTML makes the browser fetch:
// every <script src> of the prerendered HTML except `noModule` polyfills, which modern browsers skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 1.35;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const versions = { next: require('next/package.json').version, react: require('react/package.json').version };
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function build(dir) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`next build failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
}

/** The JS files the prerendered HTML of a route loads at once, with raw and gzip sizes. */
function firstLoad(dir, route) {
  const html = readFileSync(path.join(dir, '.next', 'server', 'app', `${route}.html`), 'utf8');
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attrs) => !/\bnoModule\b/i.test(attrs))
    .map((attrs) => /\bsrc="\/_next\/([^"]+\.js)"/.exec(attrs)?.[1])
    .filter(Boolean);
  const files = [...new Set(srcs)].map((src) => {
    const buf = readFileSync(path.join(dir, '.next', src));
    return { src, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return { files, raw: sum(files, 'raw'), gzip: sum(files, 'gzip') };
}
const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

function emptyApp() {
  const dir = path.join(os.tmpdir(), `lightrun-bench-empty-next-${versions.next}-react-${versions.react}`);
  if (existsSync(path.join(dir, '.next', 'server', 'app', 'index.html'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'empty-page', private: true }));
  // Turbopack refuses a node_modules symlink leading outside its root: make the root the whole disk.
  writeFileSync(path.join(dir, 'next.config.js'), `module.exports = { turbopack: { root: '/' } };\n`);
  writeFileSync(path.join(dir, 'app', 'layout.jsx'), 'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n');
  writeFileSync(path.join(dir, 'app', 'page.jsx'), 'export default function Page() {\n  return <main />;\n}\n');
  console.log(`building the empty baseline page in ${dir} …`);
  build(dir);
  return dir;
}

if (process.argv.includes('--build')) {
  console.log('building the wizard …');
  build(root);
}
if (!existsSync(path.join(root, '.next', 'server', 'app', 'index.html'))) {
  console.error('No production build of the wizard: run `npx next build` (or pass --build).');
  process.exit(1);
}
const wizard = firstLoad(root, 'index');
const empty = firstLoad(emptyApp(), 'index');
const ratio = wizard.gzip / empty.gzip;

console.log(`next ${versions.next}, react ${versions.react}; gzip -9 of each <script src> the HTML loads (noModule excluded)`);
for (const [name, r] of [['empty page', empty], ['wizard  /', wizard]]) {
  console.log(`${name.padEnd(12)} ${kB(r.gzip).padStart(9)} gzip  ${kB(r.raw).padStart(9)} raw  ${r.files.length} files`);
  if (process.argv.includes('--files')) for (const f of r.files) console.log(`    ${f.src.padEnd(40)} ${kB(f.gzip).padStart(9)} gzip`);
}
console.log(`ratio        ${ratio.toFixed(2)}x   budget ${BUDGET}x (${kB(empty.gzip * BUDGET)} gzip): ${ratio <= BUDGET ? 'within' : 'OVER'}`);
