import type { z } from 'zod';
import { isSameOrigin } from '@/lib/http/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';

/**
 * The POST handler of a route that starts a job on an existing release (rollback, uninstall):
 * same-origin check, capped and parsed body, the job's id with 202, the lib's errors as statuses.
 */
export function releaseJobRoute<T extends z.ZodType>(
  schema: T,
  start: (body: z.infer<T>) => Promise<{ job: { id: string } }>,
) {
  return async function POST(req: Request): Promise<Response> {
    if (!isSameOrigin(req)) return crossOrigin();
    const body = await readBody(req, schema);
    if (body instanceof Response) return body;
    try {
      const { job } = await start(body);
      return json({ jobId: job.id }, 202);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
