import { describe, expect, it } from 'vitest';
import { runProcess } from './spawn';

const node = process.execPath;

describe('runProcess (a real child process)', () => {
  it('streams stdout and stderr as lines and collects stdout', async () => {
    const lines: string[] = [];
    const r = await runProcess(
      node,
      ['-e', 'process.stdout.write("a\\nb"); process.stderr.write("e1\\n"); process.exitCode = 3'],
      {
        onLine: (s, l) => lines.push(`${s}:${l}`),
      },
    );
    expect(r).toEqual({ code: 3, signal: null, stdout: 'a\nb', stderr: 'e1\n', cancelled: false });
    expect(lines.sort()).toEqual(['stderr:e1', 'stdout:a', 'stdout:b']);
  });

  it('passes shell syntax through as one literal argument (no shell)', async () => {
    const r = await runProcess(node, [
      '-e',
      'console.log(JSON.stringify(process.argv.slice(1)))',
      '; rm -rf / $(id) `id` | cat',
    ]);
    expect(JSON.parse(r.stdout)).toEqual(['; rm -rf / $(id) `id` | cat']);
  });

  it('cancels with SIGTERM, which the child can handle and exit cleanly', async () => {
    const ac = new AbortController();
    const lines: string[] = [];
    const p = runProcess(
      node,
      [
        '-e',
        'process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(0); }); console.log("ready"); setInterval(() => {}, 1000);',
      ],
      {
        signal: ac.signal,
        onLine: (_s, l) => {
          lines.push(l);
          if (l === 'ready') ac.abort();
        },
      },
    );
    const r = await p;
    expect(r.cancelled).toBe(true);
    expect(r.code).toBe(0);
    expect(lines).toEqual(['ready', 'got SIGTERM']);
  });

  it('reports a missing binary as a result, not a throw', async () => {
    const r = await runProcess('/nonexistent/helm', ['version']);
    expect(r.code).toBeNull();
    expect(r.stderr).toContain('ENOENT');
  });
});
