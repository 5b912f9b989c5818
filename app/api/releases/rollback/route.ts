import { rollbackRelease } from '@/lib/install/release-actions';
import { releaseJobRoute } from '../job-route';
import { rollbackRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Rolls back (to `revision`, else the previous deployed one) as a job whose events stream. */
export const POST = releaseJobRoute(rollbackRequestSchema, rollbackRelease);
