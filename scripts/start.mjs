// `npm start`: install what is missing, build, and serve the wizard (scripts/server.mjs) on
// http://127.0.0.1:3000 by default, behind an access token it hands over as a sign-in link (off
// loopback it also wants HTTPS): docs/security.md.
import { readFileSync } from 'node:fs';
import { ensureSupportedNode, exitLike, runForwarding } from './lib/node-runtime.mjs';
import { ensureBuild, ensureNodeModules, root } from './lib/setup.mjs';
import { serverConfig } from './server/config.mjs';

// First: on a Node older than package.json's engines, this re-runs under the pinned build.
await ensureSupportedNode();

process.env.NEXT_TELEMETRY_DISABLED = '1';
// Settings are checked before the build, so a refused HOST does not wait for one.
const checked = serverConfig(process.env, (f) => readFileSync(f, 'utf8'));
if (!checked.ok) {
  console.error(`[start] ${checked.error}`);
  process.exit(2);
}
ensureNodeModules();
ensureBuild();
// Not spawnSync: a SIGTERM to `npm start` (or to the Node that re-ran it) reaches the server.
exitLike(
  await runForwarding('node', ['scripts/server.mjs'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  }),
);
