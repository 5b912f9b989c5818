import { probeServer } from '@/lib/cluster/client';
import { kubeConfigFor, KubeconfigError, listContexts } from '@/lib/cluster/kubeconfig';
import { clusterView } from '@/lib/cluster/kubeconfig-merge';
import { errorResponse } from '@/lib/http/errors';
import { invalid, json } from '@/lib/http/respond';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// kubeconfig context names are free text, but nothing sane is longer than a DNS name.
const MAX_CONTEXT = 253;

/**
 * The kubeconfig's context names and a probe of the selected one (`?context=`, else the current
 * context): its server, its version or why it cannot be reached, within a few seconds — what the
 * install page shows (clusterView: no file path, user or other context's server; issue 26 #11).
 */
export async function GET(req: Request) {
  const requested = new URL(req.url).searchParams.get('context') ?? undefined;
  if (requested !== undefined && (requested.length === 0 || requested.length > MAX_CONTEXT))
    return invalid([
      {
        path: ['context'],
        message: `context must be 1 to ${MAX_CONTEXT} characters; pick one of the listed contexts.`,
      },
    ]);
  const list = listContexts(process.env, { hidePaths: true });
  const selected = requested ?? list.current;
  if (!selected) return json(clusterView(list, null, null));
  if (!list.contexts.some((c) => c.name === selected))
    return invalid([
      {
        path: ['context'],
        message: `The kubeconfig has no context with that name; pick one of the listed contexts.`,
      },
    ]);
  try {
    const probe = await probeServer(kubeConfigFor(selected));
    return json(clusterView(list, selected, probe));
  } catch (e) {
    // A kubeconfig that cannot be used is what the probe reports, not a failed request.
    if (e instanceof KubeconfigError)
      return json(clusterView(list, selected, { ok: false, ...e.problem }));
    return errorResponse(e);
  }
}
