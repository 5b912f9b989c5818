import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_TOKEN } from './access';

const root = path.resolve(__dirname, '..');
/** Extra servers of the e2e run use the ports after E2E_PORT (sec: 3200-3299). */
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  log: () => string;
  rssKiB: () => number;
  stop: () => Promise<void>;
};

/**
 * Starts the production server (`scripts/server.mjs`, what `npm start` runs) with the given
 * environment and waits until it listens. Stopped by pid; its log is kept for assertions.
 */
export async function startServer(
  env: Record<string, string>,
  url: string,
): Promise<ServerProcess> {
  let log = '';
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      // the run's token unless the test gives its own (or turns it off)
      // (LW_ACCESS_TOKEN: '' asks the server to generate one)
      ...('LW_ACCESS_TOKEN' in env || 'LW_ACCESS_TOKEN_FILE' in env || 'LW_NO_ACCESS_TOKEN' in env
        ? {}
        : { LW_ACCESS_TOKEN: E2E_TOKEN }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += String(d)));
  child.stderr!.on('data', (d) => (log += String(d)));
  const deadline = Date.now() + 60_000;
  while (!log.includes('[server] the wizard is at')) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${log}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    log: () => log,
    rssKiB: () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(); // exited, or killed by a signal
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
