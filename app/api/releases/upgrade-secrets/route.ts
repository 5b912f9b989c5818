import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { upgradeSecretsOfRelease } from '@/lib/install/upgrade-plan';
import { upgradeSecretsRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The Secrets a live 3.9.4 release's plan says to keep (backend, keycloak, certificate, AES key),
 * as one YAML file for the plan page's download on the admin's click: POST so nothing sits in a
 * URL, same-origin only, no-store; nothing is kept on the server and nothing of it logged.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/upgrade-secrets'],
  schema: upgradeSecretsRequestSchema,
  run: upgradeSecretsOfRelease,
});
