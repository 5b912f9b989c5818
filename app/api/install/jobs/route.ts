import { json } from '@/lib/http/respond';
import { listJobs } from '@/lib/install/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Running and recent jobs: ids, targets, outcomes (no answers, no secrets). */
export async function GET() {
  return json({ jobs: listJobs() });
}
