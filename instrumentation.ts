// Runs once when the wizard's server starts (Next's instrumentation hook), before any request:
// values directories a killed server left behind (they hold the answers' secrets) are removed now,
// not at the first install.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { sweepLeftovers } = await import('./lib/helm/values-dir');
  const removed = sweepLeftovers();
  if (removed.length)
    console.error(
      `[server] removed ${removed.length} values director${removed.length === 1 ? 'y' : 'ies'} left by a stopped server (${removed.join(', ')})`,
    );
}
