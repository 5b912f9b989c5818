// Runs a command with a time limit, so one hung step can never hold `npm test` (and CI) open:
// the command gets a process group of its own, and at the limit the whole group (vitest workers,
// the Next server Playwright started, Chromium) gets SIGTERM, then SIGKILL 10 s later.
import { spawn } from 'node:child_process';

/** Clock time for progress lines: where a long run spent its time is then in its last lines. */
export const clock = () => new Date().toISOString().slice(11, 19);

const running = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const pid of running) killGroup(pid, 'SIGTERM');
    process.exit(130);
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Resolves to `{ code, timedOut, ms }`; never rejects. `limitMs` bounds the command's whole run.
 * stdio is inherited, so the command's output appears as it is written.
 */
export function runBounded(cmd, argv, { cwd, env, limitMs, label = cmd }) {
  const started = Date.now();
  return new Promise((resolve) => {
    let timedOut = false;
    let child;
    try {
      child = spawn(cmd, argv, { cwd, env, stdio: 'inherit', detached: true });
    } catch (e) {
      console.log(`[test] ${clock()} ${label} could not start: ${e.message}`);
      return resolve({ code: 127, timedOut, ms: 0 });
    }
    running.add(child.pid);
    const killTimer = setTimeout(() => {
      timedOut = true;
      console.log(
        `[test] ${clock()} ${label} still running after ${Math.round(limitMs / 60_000)} min: stopping it`,
      );
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, limitMs);
    let settled = false;
    // Only the command itself is waited for: what it started detached (the local cluster's
    // processes) has a group of its own and is left alone.
    const done = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      running.delete(child.pid);
      resolve({ code, timedOut, ms: Date.now() - started });
    };
    child.once('error', (e) => {
      console.log(`[test] ${clock()} ${label} could not start: ${e.message}`);
      done(127);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}
