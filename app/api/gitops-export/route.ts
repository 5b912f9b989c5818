import { gitopsArchive, gitopsRequestSchema } from '@/lib/gitops-archive';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { download } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The GitOps export of the answers (docs/gitops.md) as one .tar.gz of the export directory. POST,
 * same-origin: the answers and their secrets travel only in the body; 422 names each refused
 * answer or option.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/gitops-export'],
  schema: gitopsRequestSchema,
  run: (req) => gitopsArchive(req),
  respond: (archive) => download(new Uint8Array(archive.bytes), archive.name, 'application/gzip'),
});
