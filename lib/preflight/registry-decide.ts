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
  | { image: string; kind: 'error'; reason: string }
  /** The registry answers plain HTTP only and is not marked insecure: nothing was sent over HTTP. */
  | { image: string; kind: 'plain-http' }
  /** Its Bearer challenge named a token service the credentials may not go to: not followed. */
  | { image: string; kind: 'realm-refused'; realm: string; host: string; why: RealmProblem };

/** Why a token realm is not followed: another host, or plain HTTP to a registry not marked insecure. */
export type RealmProblem = 'other-host' | 'plain-http';

/**
 * Where a Bearer challenge may send the client for a token (docs/preflight.md#passwords-only-over-tls):
 * the registry's own host name or the token host the admin named (`registry.tokenHost`), over
 * HTTPS — or plain HTTP when the admin marked the registry insecure (`registry.insecure`). The
 * login goes there, so anything else is refused, even without a login.
 */
export function realmProblem(
  realm: { protocol: string; hostname: string },
  trust: { registry: string; tokenHost?: string; insecure?: boolean },
): RealmProblem | null {
  const registryHost = trust.registry.replace(/:\d+$/, '');
  const hosts = [registryHost, trust.tokenHost].filter(Boolean);
  if (!hosts.includes(realm.hostname.toLowerCase())) return 'other-host';
  if (realm.protocol === 'https:') return null;
  return realm.protocol === 'http:' && trust.insecure ? null : 'plain-http';
}

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
  if (of('plain-http').length) {
    return warn(
      `Skipped: ${ctx.registry} answers plain HTTP, and the check sends nothing over plain HTTP to a registry not marked insecure.`,
      'If the registry is meant to serve plain HTTP, turn on "Plain HTTP (insecure registry)" on the Endpoint step (registry.insecure); every node\'s container runtime must allow it too. Otherwise serve it over HTTPS.',
    );
  }
  const missing = of('missing').map((o) => o.image);
  if (missing.length) {
    return fail(
      `${missing.length === 1 ? 'One image is' : `${missing.length} images are`} not in ${ctx.registry}: ${listing(missing)}.`,
      'Copy the images into the registry with the mirror commands on Review (npm run cli -- images --answers FILE --mirror skopeo), then run preflight again.',
    );
  }
  const refused = of('realm-refused') as Extract<ManifestOutcome, { kind: 'realm-refused' }>[];
  if (refused.length) return realmRefused(refused, ctx.registry);
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

/** A token service the check would not go to: which, why, and what the admin can say. */
function realmRefused(
  refused: Extract<ManifestOutcome, { kind: 'realm-refused' }>[],
  registry: string,
): Verdict {
  const { realm, host, why } = refused[0]!;
  const names = listing(refused.map((o) => o.image));
  if (why === 'other-host')
    return warn(
      `${registry} sends clients for a token to ${realm}, which is not the registry's host: not followed (no credentials sent there), so ${names} could not be checked.`,
      `If ${host} is the registry's token service (GitLab's registry uses the GitLab host, for one), name it as the token host on the Endpoint step (registry.tokenHost).`,
    );
  return warn(
    `${registry} sends clients for a token over plain HTTP (${realm}): not followed (no credentials sent in clear), so ${names} could not be checked.`,
    'Serve the token service over HTTPS, or, if the registry is meant to be plain HTTP, mark it insecure on the Endpoint step (registry.insecure).',
  );
}
