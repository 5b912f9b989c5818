/**
 * The private-registry image check (PURE): what the registry answered for each image reference
 * (Docker Registry HTTP API v2, `HEAD /v2/<name>/manifests/<tag or digest>`) turned into a verdict.
 */
import { fail, listing, pass, warn, type Verdict } from './result';

export type ManifestOutcome =
  | { image: string; kind: 'found' }
  | { image: string; kind: 'missing' }
  /** 401/403 after the credentials we had (none, or the pull secret's). */
  | { image: string; kind: 'denied'; withCredentials: boolean }
  /** The registry could not be reached at all (DNS, refused, timeout, TLS): nothing was learned. */
  | { image: string; kind: 'unreachable'; reason: string }
  | { image: string; kind: 'error'; reason: string };

export type RegistryContext = {
  /** `host[:port]` of the private registry. */
  registry: string;
  /** Where the credentials come from: the uploaded pull secret, a Secret in the cluster the wizard does not read, or none. */
  credentials: 'inline' | 'existing' | 'none';
};

/** One verdict for every image: a missing image fails, an unreachable registry is skipped (warn), never a failure. */
export function decideRegistryImages(outcomes: ManifestOutcome[], ctx: RegistryContext): Verdict {
  const of = (k: ManifestOutcome['kind']) => outcomes.filter((o) => o.kind === k);
  const unreachable = of('unreachable') as Extract<ManifestOutcome, { kind: 'unreachable' }>[];
  if (outcomes.length > 0 && unreachable.length === outcomes.length) {
    return warn(
      `Skipped: ${ctx.registry} is not reachable from this machine (${unreachable[0]!.reason}).`,
      `The cluster may still reach it: check from a node that every image of the list resolves there (e.g. crane manifest ${outcomes[0]!.image}).`,
    );
  }
  const missing = of('missing').map((o) => o.image);
  if (missing.length) {
    return fail(
      `${missing.length === 1 ? 'One image is' : `${missing.length} images are`} not in ${ctx.registry}: ${listing(missing)}.`,
      'Copy the images into the registry with the mirror commands on Review (npm run cli -- images --answers FILE --mirror skopeo), then run preflight again.',
    );
  }
  const denied = of('denied') as Extract<ManifestOutcome, { kind: 'denied' }>[];
  if (denied.length) {
    const names = listing(denied.map((o) => o.image));
    if (denied.some((o) => o.withCredentials))
      return fail(
        `${ctx.registry} refused the pull secret's credentials for ${names}.`,
        `Log in again (docker login ${ctx.registry}), upload the new config, and check that the account may pull these repositories.`,
      );
    if (ctx.credentials === 'existing')
      return warn(
        `${ctx.registry} needs credentials for ${names}; they are in the pull Secret in the cluster, which the wizard does not read.`,
        'Make sure that Secret holds a login for this registry (kubectl get secret … -o jsonpath="{.data.\\.dockerconfigjson}" | base64 -d).',
      );
    return fail(
      `${ctx.registry} needs credentials for ${names}, and there is no pull secret.`,
      `Choose a pull secret with a login for ${ctx.registry} (docker login ${ctx.registry}, then upload ~/.docker/config.json).`,
    );
  }
  const errors = of('error') as Extract<ManifestOutcome, { kind: 'error' }>[];
  if (errors.length || unreachable.length) {
    const bad = [...errors, ...unreachable];
    return warn(
      `${bad.length === 1 ? 'One image' : `${bad.length} images`} could not be checked in ${ctx.registry}: ${bad.map((o) => `${o.image} (${o.reason})`).join('; ')}.`,
      'Run preflight again; if it repeats, check the registry from a cluster node.',
    );
  }
  return pass(`All ${outcomes.length} images resolve in ${ctx.registry}.`);
}
