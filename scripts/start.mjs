// `npm start`: install what is missing, build, and serve the wizard on http://127.0.0.1:3000.
import { ensureBuild, ensureNodeModules, run } from './lib/setup.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureNodeModules();
ensureBuild();
const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
console.error(`[start] the wizard is at http://${host}:${port}`);
run('npx', ['next', 'start', '-H', host, '-p', port]);
