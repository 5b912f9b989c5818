/**
 * The server's own stop (SIGINT, SIGTERM), as the library sees it: one process-wide signal that
 * ends every event stream and tells every running job, and the promises the server waits for
 * (a few seconds at most) before it exits. scripts/server.mjs creates it before Next loads and
 * fires it on a signal; without it (tests, `next start`) nothing ever fires it.
 */
const KEY = Symbol.for('lightrun-wizard.shutdown');

/** Why a job stopped when the server stopped (an AbortSignal's reason). */
export class ServerStopping extends Error {
  constructor() {
    super("the wizard's server is stopping");
    this.name = 'ServerStopping';
  }
}

type Shutdown = { controller: AbortController; pending: Set<Promise<unknown>> };
const g = globalThis as typeof globalThis & { [KEY]?: Shutdown };
const state = (): Shutdown =>
  (g[KEY] ??= { controller: new AbortController(), pending: new Set() });

/** Aborts when the server begins to stop; its reason is a ServerStopping. */
export const shutdownSignal = (): AbortSignal => state().controller.signal;

/** Something the server should wait for (briefly) before it exits: a job winding down. */
export function holdShutdown(p: Promise<unknown>): void {
  const s = state();
  const held = p.finally(() => s.pending.delete(held));
  s.pending.add(held);
}
