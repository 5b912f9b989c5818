/**
 * Container image references, the way containerd and the kubelet read them (PURE, browser-safe).
 *
 * `name[:tag][@digest]`; the first path component is a registry host only when it contains "." or
 * ":" or is "localhost" (so `myregistry/app` is the Docker Hub repository `myregistry/app`);
 * without a host the registry is Docker Hub (`docker.io`), and a one-component Docker Hub name is
 * an official image under `library/` (`mysql` = `docker.io/library/mysql`).
 */

export type ImageRef = {
  /** Registry host[:port], lowercase; `docker.io` for Docker Hub (and its aliases). */
  domain: string;
  /** Repository path inside the registry (`library/mysql`, `lightruncom/server`). */
  path: string;
  tag: string | null;
  /** `sha256:<hex>` (or another algorithm), without the `@`. */
  digest: string | null;
};

/** Where the cluster pulls from instead of the public registries: `host[:port]` and a path prefix ('' for none). */
export type PrivateRegistry = { host: string; prefix: string };

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** Whether the first path component of a reference names a registry host. */
export function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Splits a reference into its parts (no validation beyond the split; an empty string throws). */
export function parseImage(ref: string): ImageRef {
  if (!ref) throw new Error('An image reference cannot be empty.');
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  let domain = DOCKER_HUB;
  let path = rest;
  if (slash >= 0 && isRegistryHost(first)) {
    domain = first.toLowerCase();
    path = rest.slice(slash + 1);
  }
  if (DOCKER_HUB_ALIASES.has(domain)) {
    domain = DOCKER_HUB;
    if (!path.includes('/')) path = `library/${path}`;
  }
  return { domain, path, tag, digest };
}

/**
 * A reference whose tag moves (`latest`, or no tag, which is `latest`) and that no digest pins: a
 * mirror copies what the tag means that day, and a later pull or copy may get another image.
 */
export function isMutableTag(ref: string): boolean {
  const r = parseImage(ref);
  return r.digest === null && (r.tag === null || r.tag === 'latest');
}

/** The reference written out in full (`docker.io/library/mysql:8.0.38`), as containerd reports it. */
export function formatImage(r: ImageRef): string {
  return `${r.domain}/${r.path}${r.tag !== null ? `:${r.tag}` : ''}${r.digest !== null ? `@${r.digest}` : ''}`;
}

/** `mysql:8` -> `docker.io/library/mysql:8`. */
export function normaliseImage(ref: string): string {
  return formatImage(parseImage(ref));
}

/** The registry's own name for where the image goes: `<host>/<prefix>/<path>` (the prefix may be ''). */
export function mirrorPath(path: string, registry: PrivateRegistry): string {
  return `${registry.host}/${registry.prefix ? `${registry.prefix}/` : ''}${path}`;
}

/**
 * The reference of the same image in the private registry: the source's repository path is kept
 * whole under `host/prefix/` (Docker Hub's `library/` included), tag and digest unchanged.
 * `lightruncom/server:1.2` -> `registry.example.com:5000/mirror/lightruncom/server:1.2`.
 */
export function rewriteImage(ref: string, registry: PrivateRegistry): string {
  const r = parseImage(ref);
  return `${mirrorPath(r.path, registry)}${r.tag !== null ? `:${r.tag}` : ''}${r.digest !== null ? `@${r.digest}` : ''}`;
}

/**
 * The inverse for one repository: when `repository` is `source` rewritten into some registry,
 * that registry (host and prefix); else null. The match is on whole path components
 * (`reg/x-lightruncom/server` is not a mirror of `lightruncom/server`).
 */
export function mirrorOf(repository: string, source: string): PrivateRegistry | null {
  const src = parseImage(source);
  const r = parseImage(repository);
  if (r.tag !== src.tag || r.digest !== src.digest) return null;
  const slash = repository.indexOf('/');
  if (slash < 0 || !isRegistryHost(repository.slice(0, slash))) return null;
  const host = repository.slice(0, slash);
  const afterHost = repository.slice(slash + 1);
  const cut = [afterHost.indexOf(':'), afterHost.indexOf('@')].filter((i) => i >= 0);
  const path = cut.length ? afterHost.slice(0, Math.min(...cut)) : afterHost;
  const prefix =
    path === src.path
      ? ''
      : path.endsWith(`/${src.path}`)
        ? path.slice(0, -src.path.length - 1)
        : null;
  if (prefix === null) return null;
  return { host, prefix };
}

/** Whether an image reference is served by the private registry (under its prefix, on a component boundary). */
export function isInRegistry(ref: string, registry: PrivateRegistry): boolean {
  const root = mirrorPath('', registry); // "host/" or "host/prefix/"
  return ref.startsWith(root) && ref.length > root.length;
}

/**
 * A `.dockerconfigjson` `auths` key as the registry host it names: the scheme and any path are
 * dropped, Docker Hub's aliases become `docker.io` (`https://index.docker.io/v1/` -> `docker.io`).
 */
export function registryOfAuthKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}
