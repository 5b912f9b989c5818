import 'server-only';
/**
 * The support bundle for a route or the CLI: the target (names validated like the install's), the
 * answers (validated; from the request, else from the wizard's own install job for the target),
 * and the job's event log when this server ran a job for that release.
 */
import { z } from 'zod';
import { getJob, jobKey, listJobs, type JobRecord } from '../install/registry';
import {
  RequestProblems,
  resolveAnswers,
  resolveTarget,
  targetSchema,
  type Problem,
} from '../target';
import { supportBundle, type Bundle, type BundleInput } from './collect';

/** POST /api/support-bundle: a job of this server, or a target; answers optional (secrets in the body only). */
export const bundleRequestSchema = targetSchema.extend({
  jobId: z.string().min(1).max(64).optional(),
  answers: z.unknown().optional(),
});
export type BundleRequest = z.infer<typeof bundleRequestSchema>;

/** The newest job of this server for the context/namespace/release, if any. */
function newestJobFor(t: {
  context: string | null;
  namespace: string;
  release: string;
}): JobRecord | undefined {
  const key = jobKey(t.context, t.namespace, t.release);
  for (const j of listJobs()) {
    const rec = getJob(j.id);
    if (rec && rec.key === key) return rec;
  }
  return undefined;
}

/** Resolves the request (throws RequestProblems naming each field) and takes the bundle. */
export async function bundleFor(
  req: BundleRequest,
  o: Pick<BundleInput, 'limits' | 'env' | 'preflight'> = {},
): Promise<Bundle> {
  const problems: Problem[] = [];
  const job = req.jobId ? getJob(req.jobId) : undefined;
  let answers;
  try {
    answers = req.answers !== undefined ? resolveAnswers(req.answers) : undefined;
  } catch (e) {
    if (!(e instanceof RequestProblems)) throw e;
    problems.push(...e.problems);
  }
  let target;
  try {
    target = job
      ? { context: job.context, namespace: job.namespace, release: job.release }
      : resolveTarget({
          ...req,
          namespace: req.namespace || answers?.release.namespace,
          release: req.release || answers?.release.name,
        });
  } catch (e) {
    if (!(e instanceof RequestProblems)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length || !target) throw new RequestProblems(problems);
  const record = job ?? newestJobFor(target);
  return supportBundle({
    target,
    ...((answers ?? record?.answers) ? { answers: answers ?? record!.answers } : {}),
    ...(record ? { job: { id: record.id, log: record.log } } : {}),
    ...o,
  });
}
