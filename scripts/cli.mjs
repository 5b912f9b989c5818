// `npm run cli -- <command>`: runs the prebuilt CLI bundle (scripts/lib/cli-bundle.mjs), building
// it first when a source changed. Arguments, stdin/stdout/stderr, signals and the exit code are the
// CLI's own: it runs in this process (its loader, cli-loader.cjs, is CommonJS: required, not imported).
import { createRequire } from 'node:module';
import { ensureCliBundle } from './lib/cli-bundle.mjs';
import { ensureSupportedNode } from './lib/node-runtime.mjs';

// First: on a Node older than package.json's engines, this re-runs under the pinned build.
await ensureSupportedNode();
createRequire(import.meta.url)(await ensureCliBundle());
