// `npm run cli -- <command>`: runs the prebuilt CLI bundle (scripts/lib/cli-bundle.mjs), building
// it first when a source changed. Arguments, stdin/stdout/stderr, signals and the exit code are the
// CLI's own: it runs in this process.
import { pathToFileURL } from 'node:url';
import { ensureCliBundle } from './lib/cli-bundle.mjs';

const bundle = await ensureCliBundle();
await import(pathToFileURL(bundle).href);
