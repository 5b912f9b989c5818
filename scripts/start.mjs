// `npm start`: install what is missing, build, and serve the wizard on http://127.0.0.1:3000.
import { ensureBuild, ensureNodeModules, run } from './lib/setup.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const host = process.env.HOST ?? '127.0.0.1';
// The wizard's server handles licenses, keys and passwords (and later cluster credentials): it
// serves loopback only until access-token protection for other interfaces exists (DESIGN).
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.error(`[start] refusing HOST=${host}: the wizard listens on 127.0.0.1 only (use an SSH tunnel to reach it from elsewhere).`);
  process.exit(2);
}
const port = process.env.PORT ?? '3000';
ensureNodeModules();
ensureBuild();
console.error(`[start] the wizard is at http://${host}:${port}`);
run('npx', ['next', 'start', '-H', host, '-p', port]);
