import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module of the set-up scripts (no types)
import { runBounded } from './bounded.mjs';

const node = process.execPath;
/** Running (a zombie waiting for a reaper counts as gone: it has ended). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('runBounded', () => {
  it('returns the exit code of a command that ends within its limit', async () => {
    const r = await runBounded(node, ['-e', 'process.exit(3)'], { limitMs: 20_000, label: 't' });
    expect(r).toMatchObject({ code: 3, timedOut: false });
  });

  it('stops a command at its limit, with what it started in its group', async () => {
    // The command starts a grandchild that would outlive it, prints its pid, then hangs.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(process.argv[1], String(g.pid));
      setTimeout(() => {}, 600000);`;
    const file = `${process.env.TMPDIR ?? '/tmp'}/bounded-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const r = await runBounded(node, ['-e', script, file], { limitMs: 1_500, label: 'hang' });
    expect(r.timedOut).toBe(true);
    expect(r.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(12_000);
    const grandchild = Number(spawnSync('cat', [file], { encoding: 'utf8' }).stdout);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 300));
    expect(alive(grandchild)).toBe(false);
  });

  it('a command that cannot start is a result, not an exception', async () => {
    const r = await runBounded('/nonexistent/command', [], { limitMs: 5_000, label: 'x' });
    expect(r).toMatchObject({ code: 127, timedOut: false });
  });
});
