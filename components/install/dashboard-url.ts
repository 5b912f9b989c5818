/** Which release a job is for (from the dashboard's URL: names only). */
export interface DashboardTarget {
  context?: string;
  namespace?: string;
  release: string;
}

/** The dashboard's URL for a job of `target` (the names let it find the release again after a server restart). */
export function dashboardUrl(jobId: string, target?: DashboardTarget | null): string {
  const q = new URLSearchParams();
  if (target?.context) q.set('context', target.context);
  if (target?.namespace) q.set('namespace', target.namespace);
  if (target?.release) q.set('release', target.release);
  const s = q.toString();
  return `/install/${encodeURIComponent(jobId)}${s ? `?${s}` : ''}`;
}
