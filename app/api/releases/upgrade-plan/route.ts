import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { upgradePlanOfRelease } from '@/lib/install/upgrade-plan';
import { upgradePlanRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The 3.9.4 → 3.50 upgrade plan of a live release (docs/upgrade.md), as `cli upgrade-plan
 * --release` makes it: steps, each answer's fate, the objects and claims, the API server's dry
 * run, what is one-way. Never the values: they hold the release's passwords. It changes nothing.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/upgrade-plan'],
  schema: upgradePlanRequestSchema,
  run: upgradePlanOfRelease,
});
