// The wizard's server: Next's request handler inside a plain Node HTTP(S) server, so it can serve
// HTTPS with the admin's certificate, refuse what Next should never see, stamp the peer address
// the guard (proxy.ts) relies on, and hold the access state. `npm start` runs it.
import { randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import next from 'next';
import { serverConfig } from './server/config.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STATE_KEY = Symbol.for('lightrun-wizard.server-state');
const METHODS = new Set(['GET', 'HEAD', 'POST']);

const parsed = serverConfig(process.env, (f) => readFileSync(f, 'utf8'));
// The token and its file name must not reach child processes (helm, kubectl) through the environment.
delete process.env.LW_ACCESS_TOKEN;
delete process.env.LW_ACCESS_TOKEN_FILE;
if (!parsed.ok) {
  console.error(`[server] ${parsed.error}`);
  process.exit(2);
}
const cfg = parsed.config;
const token = cfg.loopback ? null : (cfg.token ?? randomBytes(32).toString('base64url'));
const scheme = cfg.tls ? 'https' : 'http';

globalThis[STATE_KEY] = {
  port: cfg.port,
  publicHosts: cfg.publicHosts,
  scheme,
  requireToken: !cfg.loopback,
  tokenDigest: token ? createHash('sha256').update(token, 'utf8').digest() : null,
  sessions: new Map(),
  failures: new Map(),
  insecureHttp: cfg.insecureHttp,
  stampsHeaders: true,
};

const app = next({ dev: false, dir: root, hostname: cfg.host, port: cfg.port });
await app.prepare();
const handle = app.getRequestHandler();

/** Headers the guard trusts are set here only: whatever a client sent under these names is dropped. */
function stamp(req) {
  const peer = req.socket.remoteAddress ?? 'unknown';
  for (const h of Object.keys(req.headers)) if (h.startsWith('x-lw-')) delete req.headers[h];
  req.headers['x-lw-peer'] = peer;
  const fromProxy = cfg.trustedProxy !== null && peer.replace(/^::ffff:/, '') === cfg.trustedProxy;
  const fwdHost = req.headers['x-forwarded-host'];
  if (fromProxy && typeof fwdHost === 'string') {
    req.headers['x-lw-forwarded-host'] = fwdHost.split(',')[0].trim();
    req.headers['x-lw-forwarded-proto'] = String(req.headers['x-forwarded-proto'] ?? scheme).split(',')[0].trim();
  }
}

function onRequest(req, res) {
  if (!METHODS.has(req.method ?? '')) {
    // Next answers TRACE and friends with a 500 and a stack trace in the log: stop them here.
    res.writeHead(405, { Allow: [...METHODS].join(', '), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end('Method not allowed.\n');
    return;
  }
  stamp(req);
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal error.\n');
  });
}

const server = cfg.tls ? https.createServer({ cert: cfg.tls.cert, key: cfg.tls.key }, onRequest) : http.createServer(onRequest);
server.headersTimeout = 15_000;
server.requestTimeout = 60_000;
// A malformed request line or header: a bare 400, no stack trace.
server.on('clientError', (_err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
});
server.listen(cfg.port, cfg.host, () => {
  const name = cfg.loopback ? (cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host) : cfg.publicHosts[0];
  console.error(`[server] the wizard is at ${scheme}://${/:\d+$/.test(name) ? name : `${name}:${cfg.port}`}`);
  if (cfg.insecureHttp) console.error('[server] WARNING: plain HTTP on a network address (LW_ALLOW_INSECURE_HTTP=1): everything, the access token included, crosses the network in clear.');
  if (token && cfg.tokenGenerated) console.error(`[server] access token (shown once; sign in with it at /login): ${token}`);
  else if (token) console.error('[server] sign in at /login with the access token from LW_ACCESS_TOKEN / LW_ACCESS_TOKEN_FILE.');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
