import 'server-only';
/**
 * The one way the wizard runs helm: an argument array (never a shell), stdout/stderr streamed as
 * lines, cancel by SIGTERM only (a SIGKILLed helm leaves its release stuck `pending-*`).
 */
import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { lineSplitter } from './lines';

export type SpawnFn = (cmd: string, args: readonly string[], opts: SpawnOptions) => ChildProcess;

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Aborting sends SIGTERM (once) and waits for helm to exit by itself. */
  signal?: AbortSignal;
  /** Each output line, as it arrives (not redacted: the caller redacts). */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Keep the whole stdout (for JSON output); default true. */
  collect?: boolean;
  spawn?: SpawnFn;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run was cancelled through `signal`. */
  cancelled: boolean;
}

/** Cap on collected output (a manifest of the whole chart is well under this). */
const MAX_COLLECT = 32 * 1024 * 1024;

/** Runs `cmd args` without a shell and resolves when it exits (never rejects for a non-zero exit). */
export function runProcess(
  cmd: string,
  args: readonly string[],
  o: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = (o.spawn ?? nodeSpawn)(cmd, args, {
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: o.env ?? process.env,
    });
    const out = { stdout: '', stderr: '' };
    let cancelled = false;
    const pipe = (name: 'stdout' | 'stderr') => {
      const split = lineSplitter((l) => o.onLine?.(name, l));
      const stream = child[name];
      stream?.setEncoding('utf8');
      stream?.on('data', (c: string) => {
        if (o.collect !== false && out[name].length < MAX_COLLECT) out[name] += c;
        split.push(c);
      });
      stream?.on('end', () => split.flush());
    };
    pipe('stdout');
    pipe('stderr');
    const onAbort = () => {
      if (cancelled) return;
      cancelled = true;
      child.kill('SIGTERM');
    };
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', onAbort);
      resolve({
        code: null,
        signal: null,
        stdout: out.stdout,
        stderr: `${out.stderr}${e.message}`,
        cancelled,
      });
    });
    child.on('close', (code, signal) => {
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ code, signal, ...out, cancelled });
    });
  });
}
