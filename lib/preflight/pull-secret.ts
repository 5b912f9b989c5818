/** The image pull secret check (PURE). */
import { fail, listing, pass, type Verdict } from './result';

type Tree = Record<string, unknown>;

/** The registry host of an image reference; Docker Hub for references without one. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return first.toLowerCase();
  return 'docker.io';
}

const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** "https://index.docker.io/v1/" -> "docker.io"; "registry.example.com:5000/x" -> "registry.example.com:5000". */
export function normaliseRegistry(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  return DOCKER_HUB.has(host) ? 'docker.io' : host;
}

/** Every image repository in the values tree (deployments.*.image and their init containers). */
export function imageRepositories(values: Tree): string[] {
  const out = new Set<string>();
  const walk = (t: unknown) => {
    if (!t || typeof t !== 'object') return;
    for (const [k, v] of Object.entries(t as Tree)) {
      if (k === 'image' && v && typeof v === 'object' && typeof (v as Tree).repository === 'string')
        out.add((v as Tree).repository as string);
      else walk(v);
    }
  };
  walk(values.deployments);
  return [...out];
}

/** The base64 .dockerconfigjson parses, and has an entry with credentials for every registry the images use. */
export function decidePullSecret(configBase64: string, images: string[]): Verdict {
  let config: {
    auths?: Record<
      string,
      { auth?: string; username?: string; password?: string; identitytoken?: string }
    >;
  };
  try {
    config = JSON.parse(Buffer.from(configBase64, 'base64').toString('utf8'));
  } catch {
    return fail(
      'The pull secret is not base64 of a JSON docker config.',
      'Upload the output of `base64 -w0 ~/.docker/config.json` after `docker login`.',
    );
  }
  const auths = config.auths;
  if (!auths || typeof auths !== 'object' || Object.keys(auths).length === 0)
    return fail(
      'The pull secret has no "auths" entry.',
      'Log in to the registry (docker login) and upload the config again.',
    );
  const usable = new Set(
    Object.entries(auths)
      .filter(([, a]) => a && (a.auth || (a.username && a.password) || a.identitytoken))
      .map(([k]) => normaliseRegistry(k)),
  );
  const registries = [...new Set(images.map(registryOf))];
  const missing = registries.filter((r) => !usable.has(r));
  if (missing.length)
    return fail(
      `The pull secret has no credentials for ${listing(missing)} (it has ${listing([...usable]) || 'none with credentials'}).`,
      `Log in to ${listing(missing)} (docker login) and upload the config again.`,
    );
  return pass(`The pull secret has credentials for ${listing(registries)}.`);
}
