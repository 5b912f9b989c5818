import type { Metadata } from 'next';
import { InstallDashboard } from '@/components/install/install-dashboard';

export const metadata: Metadata = { title: 'Install — Lightrun Server install wizard' };

export default async function InstallPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return <InstallDashboard jobId={jobId} />;
}
