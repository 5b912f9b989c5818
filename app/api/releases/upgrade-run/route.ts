import { BODY_LIMITS } from '@/lib/http/body-limits';
import { json } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { startUpgrade } from '@/lib/install/upgrade-job';
import { upgradeRunRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Starts the guided 3.9.4 → 3.50 upgrade of a release as a job (202), or joins the job running
 * for it (200): the dashboard follows it like an install (docs/upgrade.md, "Running the
 * upgrade"). The job itself refuses without a backup the wizard recorded or the typed phrase.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/upgrade-run'],
  schema: upgradeRunRequestSchema,
  run: ({ chart, ...t }) =>
    startUpgrade({ ...t, ...(chart === 'bundled' ? { chart: { source: 'bundled' } } : {}) }),
  respond: ({ job, joined }) => json({ jobId: job.id, joined }, joined ? 200 : 202),
});
