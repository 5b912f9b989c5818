import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Stored {
  body: Buffer;
  type: string;
}

/**
 * A minimal Docker Registry v2 on 127.0.0.1 (anonymous, in memory). `HEAD
 * /v2/<name>/manifests/<ref>` answers 200 for every `<name>:<ref>` in `manifests` (the specs'
 * preflight images, no content). It also takes a push and serves it back, as much of the OCI
 * distribution API as `helm push` and Flux's source-controller use (monolithic blob upload,
 * manifests by tag or digest, tag list): the GitOps test serves the test chart from it. A real HTTP
 * server; the tests never name a registry on the internet.
 */
export async function startRegistry(): Promise<{
  host: string;
  manifests: Set<string>;
  close: () => Promise<void>;
}> {
  const manifests = new Set<string>();
  const blobs = new Map<string, Buffer>();
  const pushed = new Map<string, Stored>(); // `<name>:<tag or digest>`
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks);
      if (url.pathname === '/v2/')
        return res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
      if (handleBlob(req.method ?? '', url, body, blobs, res)) return;
      const stored = { body, type: req.headers['content-type'] ?? OCI_MANIFEST };
      if (handleManifest(req.method ?? '', url, stored, { manifests, pushed }, res)) return;
      const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
      if (req.method === 'GET' && tags) {
        const list = [...pushed.keys()]
          .filter((k) => k.startsWith(`${tags[1]}:`) && !k.includes('sha256:'))
          .map((k) => k.slice(tags[1]!.length + 1));
        return json(res, 200, { name: tags[1], tags: list });
      }
      return res.writeHead(404).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    manifests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function json(res: http.ServerResponse, status: number, v: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
}

/** Blob upload (POST then one PUT with `?digest=`, or a POST carrying it) and blob reads. */
function handleBlob(
  method: string,
  url: URL,
  body: Buffer,
  blobs: Map<string, Buffer>,
  res: http.ServerResponse,
): boolean {
  const upload = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(url.pathname);
  if (upload && (method === 'POST' || method === 'PUT')) {
    const digest = url.searchParams.get('digest');
    if (!digest) {
      const location = `/v2/${upload[1]}/blobs/uploads/${randomUUID()}`;
      res.writeHead(202, { location, 'content-length': '0' }).end();
      return true;
    }
    if (digestOf(body) !== digest) {
      json(res, 400, { errors: [{ code: 'DIGEST_INVALID', message: 'digest mismatch' }] });
      return true;
    }
    blobs.set(digest, body);
    const location = `/v2/${upload[1]}/blobs/${digest}`;
    res.writeHead(201, { location, 'docker-content-digest': digest, 'content-length': '0' }).end();
    return true;
  }
  const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
  if (blob && (method === 'GET' || method === 'HEAD')) {
    const b = blobs.get(blob[2]!);
    if (!b) res.writeHead(404).end();
    else {
      const head = { 'content-length': String(b.length), 'docker-content-digest': blob[2]! };
      res.writeHead(200, { ...head, 'content-type': 'application/octet-stream' });
      res.end(method === 'GET' ? b : undefined);
    }
    return true;
  }
  return false;
}

/** Manifest push (stored under its tag and its digest) and reads; the specs' HEAD-only names. */
function handleManifest(
  method: string,
  url: URL,
  put: Stored,
  store: { manifests: Set<string>; pushed: Map<string, Stored> },
  res: http.ServerResponse,
): boolean {
  const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
  if (!m) return false;
  const [name, ref] = [m[1]!, decodeURIComponent(m[2]!)];
  if (method === 'PUT') {
    const digest = digestOf(put.body);
    store.pushed.set(`${name}:${ref}`, put);
    store.pushed.set(`${name}:${digest}`, put);
    const location = `/v2/${name}/manifests/${digest}`;
    res.writeHead(201, { location, 'docker-content-digest': digest, 'content-length': '0' }).end();
    return true;
  }
  const stored = store.pushed.get(`${name}:${ref}`);
  if ((method === 'GET' || method === 'HEAD') && stored) {
    res.writeHead(200, {
      'content-type': stored.type,
      'content-length': String(stored.body.length),
      'docker-content-digest': digestOf(stored.body),
    });
    res.end(method === 'GET' ? stored.body : undefined);
    return true;
  }
  if (method === 'HEAD' && store.manifests.has(`${name}:${ref}`)) {
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end();
    return true;
  }
  return false;
}
