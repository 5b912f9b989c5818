import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Docker Registry v2 on 127.0.0.1 for the specs (anonymous pulls): `HEAD
 * /v2/<name>/manifests/<ref>` answers 200 for every `<name>:<ref>` in `manifests`, 404 otherwise.
 * A real HTTP server the wizard's preflight talks to; the specs never name a registry on the internet.
 */
export async function startRegistry(): Promise<{
  host: string;
  manifests: Set<string>;
  close: () => Promise<void>;
}> {
  const manifests = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v2/')
      return res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
    const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'HEAD' && m && manifests.has(`${m[1]}:${decodeURIComponent(m[2]!)}`))
      return res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' })
        .end();
    return res.writeHead(404).end();
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
