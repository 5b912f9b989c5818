// First-load JavaScript of a Next.js page (the suite's page
// weight benchmark, `npm run bench:bundle`). "First load" is what the page's HTML makes the browser fetch: every
// <script src> except `noModule` polyfills, which modern browsers skip; sizes are gzip -9.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = 1.35;
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
export const versions = {
  next: require('next/package.json').version,
  react: require('react/package.json').version,
};
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

export function build(dir) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    { cwd: dir, env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`next build failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
}

/** The `/_next/…js` paths an HTML page loads at once (noModule excluded), in order, deduplicated. */
export function scriptSrcs(html) {
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attrs) => !/\bnoModule\b/i.test(attrs))
    .map((attrs) => /\bsrc="\/_next\/([^"]+\.js)"/.exec(attrs)?.[1])
    .filter(Boolean);
  return [...new Set(srcs)];
}

/** Raw and gzip sizes of the scripts of `html`, read with `read(src)` (a Buffer). */
export async function firstLoadOf(html, read) {
  const files = [];
  for (const src of scriptSrcs(html)) {
    const buf = await read(src);
    files.push({ src, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  return { files, raw: sum(files, 'raw'), gzip: sum(files, 'gzip') };
}

/** The prerendered HTML of a route of a built app in `dir`, and its scripts from disk. */
export function firstLoad(dir, route) {
  const html = readFileSync(path.join(dir, '.next', 'server', 'app', `${route}.html`), 'utf8');
  const files = scriptSrcs(html).map((src) => {
    const buf = readFileSync(path.join(dir, '.next', src));
    return { src, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return { files, raw: sum(files, 'raw'), gzip: sum(files, 'gzip') };
}
const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
export const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

/**
 * The baseline: a throwaway app (one empty page, root layout with <html><body>) in a temp dir
 * outside the repo that symlinks this repo's node_modules; built once per Next/React version and
 * cached there.
 */
export function emptyApp(log = console.log) {
  const dir = path.join(
    os.tmpdir(),
    `lightrun-bench-empty-next-${versions.next}-react-${versions.react}`,
  );
  if (existsSync(path.join(dir, '.next', 'server', 'app', 'index.html'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'empty-page', private: true }),
  );
  // Turbopack refuses a node_modules symlink leading outside its root: make the root the whole disk.
  writeFileSync(
    path.join(dir, 'next.config.js'),
    `module.exports = { turbopack: { root: '/' } };\n`,
  );
  writeFileSync(
    path.join(dir, 'app', 'layout.jsx'),
    'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
  );
  writeFileSync(
    path.join(dir, 'app', 'page.jsx'),
    'export default function Page() {\n  return <main />;\n}\n',
  );
  log(`building the empty baseline page in ${dir} …`);
  build(dir);
  return dir;
}

/** The page routes of a built app (app-path-routes-manifest), API routes and metadata files excluded. */
export function pageRoutes(dir) {
  const manifest = JSON.parse(
    readFileSync(path.join(dir, '.next', 'app-path-routes-manifest.json'), 'utf8'),
  );
  return [
    ...new Set(
      Object.entries(manifest)
        .filter(([k]) => k.endsWith('/page'))
        .map(([, v]) => v),
    ),
  ].sort();
}
