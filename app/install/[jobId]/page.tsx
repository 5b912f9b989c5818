import type { Metadata } from 'next';
import { InstallDashboard } from '@/components/install/install-dashboard';
import type { DashboardTarget } from '@/components/install/dashboard-url';

export const metadata: Metadata = { title: 'Install — Lightrun Server install wizard' };

const one = (v: string | string[] | undefined) =>
  typeof v === 'string' && v !== '' ? v : undefined;

/**
 * The dashboard of one job. `?context=&namespace=&release=` (names only, never a secret) say which
 * release the job is for, so a dashboard whose job the server no longer knows (the wizard server
 * was restarted) can find the release in the cluster and follow its live state again.
 */
export default async function InstallPage({
  params,
  searchParams,
}: {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { jobId } = await params;
  const q = await searchParams;
  const release = one(q.release);
  const target: DashboardTarget | undefined = release
    ? { release, namespace: one(q.namespace), context: one(q.context) }
    : undefined;
  // Keyed by job: moving to an adopted job (after a server restart) starts a fresh stream and state.
  return <InstallDashboard key={jobId} jobId={jobId} target={target} />;
}
