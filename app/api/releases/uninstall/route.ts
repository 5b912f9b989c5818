import { uninstallRelease } from '@/lib/install/release-actions';
import { releaseJobRoute } from '../job-route';
import { uninstallRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Uninstalls the release (after the dashboard's confirmation) as a job whose events stream. */
export const POST = releaseJobRoute(uninstallRequestSchema, uninstallRelease);
