// The wizard's server: Next's request handler inside a plain Node HTTP(S) server, so it can serve
// HTTPS with the admin's certificate, refuse what Next should never see, stamp the peer address
// the guard (proxy.ts) relies on, and hold the access state. `npm start` runs it.
import { randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import next from 'next';
import { bodyRefusal } from './server/body-limits.mjs';
import { serverConfig } from './server/config.mjs';
import { removeTokenFile, signInLines, writeTokenFile } from './server/token-file.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STATE_KEY = Symbol.for('lightrun-wizard.server-state');
// lib/shutdown.ts: the signal that ends every event stream and tells every running job.
const SHUTDOWN_KEY = Symbol.for('lightrun-wizard.shutdown');
globalThis[SHUTDOWN_KEY] ??= { controller: new AbortController(), pending: new Set() };
/** How long a stop waits for running jobs (helm got SIGTERM) before the process exits anyway. */
const STOP_GRACE_MS = 5_000;
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
const token = cfg.requireToken ? (cfg.token ?? randomBytes(32).toString('base64url')) : null;
const scheme = cfg.tls ? 'https' : 'http';
// Browsers keep a Secure cookie from HTTPS and from loopback (a secure origin to them).
const secureCookie = scheme === 'https' || cfg.loopback;

globalThis[STATE_KEY] = {
  port: cfg.port,
  publicHosts: cfg.publicHosts,
  scheme,
  requireToken: cfg.requireToken,
  cookieName: secureCookie ? '__Host-lw_session' : 'lw_session',
  tokenDigest: token ? createHash('sha256').update(token, 'utf8').digest() : null,
  sessions: new Map(),
  failures: new Map(),
  insecureHttp: cfg.insecureHttp,
  stampsHeaders: true,
};

// A generated token goes to a 0600 file of this user; printed (in a sign-in link) only to a terminal.
let file = null;
if (token && cfg.tokenGenerated) {
  try {
    file = writeTokenFile(token, cfg.port);
  } catch (e) {
    if (!process.stderr.isTTY) {
      console.error(
        `[server] cannot write the access token file (${e.message}) and there is no terminal to show it on: set LW_ACCESS_TOKEN_FILE to a file of yours.`,
      );
      process.exit(2);
    }
    console.error(
      `[server] could not write the token file (${e.message}); the link below is the only copy.`,
    );
  }
}

const app = next({ dev: false, dir: root, hostname: cfg.host, port: cfg.port });
await app.prepare();
const handle = app.getRequestHandler();

/** Headers the guard trusts are set here only: whatever a client sent under these names is dropped. */
function stamp(req) {
  const peer = req.socket.remoteAddress ?? 'unknown';
  for (const h of Object.keys(req.headers)) if (h.startsWith('x-lw-')) delete req.headers[h];
  req.headers['x-lw-peer'] = peer;
  const fromProxy = cfg.trustedProxy !== null && peer.replace(/^::ffff:/, '') === cfg.trustedProxy;
  // The client a trusted proxy saw: the last X-Forwarded-For entry is the one it added itself
  // (entries before it are whatever the client sent). Sign-in failures are limited per client.
  const xff = req.headers['x-forwarded-for'];
  const client = fromProxy && typeof xff === 'string' ? xff.split(',').at(-1)?.trim() : '';
  req.headers['x-lw-client'] = client || peer;
  const fwdHost = req.headers['x-forwarded-host'];
  if (fromProxy && typeof fwdHost === 'string') {
    req.headers['x-lw-forwarded-host'] = fwdHost.split(',')[0].trim();
    req.headers['x-lw-forwarded-proto'] = String(req.headers['x-forwarded-proto'] ?? scheme)
      .split(',')[0]
      .trim();
  }
}

/**
 * Answers once the client's body is read (a reply sent mid-upload is lost to the client as a
 * reset), but reads at most 64 KiB of a body nobody wants: past that, reply and close.
 */
function afterBody(req, res, reply) {
  let seen = 0;
  req.on('data', (d) => {
    seen += d.length;
    if (seen > 65_536 && !res.headersSent) {
      res.setHeader('Connection', 'close');
      reply();
      req.pause();
      res.on('finish', () => req.socket.destroy());
    }
  });
  req.on('end', () => {
    if (!res.headersSent) reply();
  });
}

function onRequest(req, res) {
  // Origin-form only ("/path"): Next answers an absolute-form target (GET http://evil.example/)
  // with a redirect to that host, and "//host" paths are protocol-relative.
  // Two Host headers: Node keeps the first, a proxy in front may have judged by the other.
  const hosts = req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
  if (!req.url?.startsWith('/') || req.url.startsWith('//') || hosts > 1) {
    afterBody(req, res, () => {
      res.writeHead(400, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': 13,
        'Cache-Control': 'no-store',
      });
      res.end('Bad request.\n');
    });
    return;
  }
  if (!METHODS.has(req.method ?? '')) {
    // Next answers TRACE and friends with a 500 and a stack trace in the log: stop them here.
    afterBody(req, res, () => {
      const text = 'Method not allowed.\n';
      res.writeHead(405, {
        Allow: [...METHODS].join(', '),
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(text);
    });
    return;
  }
  const refusal = bodyRefusal(
    req.method,
    req.url,
    req.headers['content-length'],
    req.headers['transfer-encoding'] !== undefined,
  );
  if (refusal) {
    // Said at once and the connection closed: the rest of an oversized body is never read.
    const text = JSON.stringify({ error: refusal.message });
    res.writeHead(refusal.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      Connection: 'close',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text, () => req.socket.destroy());
    return;
  }
  stamp(req);
  // Also on what Next answers before proxy.ts runs (its trailing-slash redirects); the CSP with
  // its nonce comes from proxy.ts (two CSP headers would both be enforced).
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal error.\n');
  });
}

// Deadlines that hold against trickling clients (cut after about 12 s): Node checks them every connectionsCheckingInterval
// (30 s by default, so a byte every 5 s kept a socket 75 s); a TLS handshake gets its own.
const limits = {
  headersTimeout: 8_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
const server = cfg.tls
  ? https.createServer(
      { ...limits, cert: cfg.tls.cert, key: cfg.tls.key, handshakeTimeout: 10_000 },
      onRequest,
    )
  : http.createServer(limits, onRequest);
server.headersTimeout = limits.headersTimeout;
server.requestTimeout = limits.requestTimeout;
server.keepAliveTimeout = limits.keepAliveTimeout;
// At most this many open connections from one address (a browser uses six and an event stream a
// tab); the trusted proxy, which speaks for everyone behind it, is not counted.
const MAX_CONNECTIONS_PER_SOURCE = 32;
const connections = new Map();
server.on('connection', (socket) => {
  const from = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (from === cfg.trustedProxy) return;
  const open = (connections.get(from) ?? 0) + 1;
  if (open > MAX_CONNECTIONS_PER_SOURCE) {
    socket.destroy();
    return;
  }
  connections.set(from, open);
  socket.once('close', () => {
    const left = (connections.get(from) ?? 1) - 1;
    if (left > 0) connections.set(from, left);
    else connections.delete(from);
  });
});
// A malformed request line or header: a bare 400, no stack trace.
// A client too slow with its headers or body (ERR_HTTP_REQUEST_TIMEOUT) gets a 408 the same way.
// Either way the socket is destroyed once the answer is written: a client that never closes its
// side must not keep it.
server.on('clientError', (err, socket) => {
  if (!socket.writable) return socket.destroy();
  const status =
    err?.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
});
server.listen(cfg.port, cfg.host, () => {
  const name = cfg.loopback
    ? cfg.host.includes(':')
      ? `[${cfg.host}]`
      : cfg.host
    : cfg.publicHosts[0];
  const base = `${scheme}://${/:\d+$/.test(name) ? name : `${name}:${cfg.port}`}`;
  console.error(`[server] the wizard is at ${base}`);
  if (cfg.insecureHttp)
    console.error(
      '[server] WARNING: plain HTTP on a network address (LW_ALLOW_INSECURE_HTTP=1): everything, the access token included, crosses the network in clear.',
    );
  if (!cfg.requireToken)
    console.error(
      '[server] WARNING: no access token (LW_NO_ACCESS_TOKEN): every user of this machine can use your kubeconfig through this wizard — read Secrets, install, upgrade, uninstall.',
    );
  for (const line of signInLines({
    base,
    token,
    generated: cfg.tokenGenerated,
    file,
    tty: process.stderr.isTTY === true,
  }))
    console.error(`[server] ${line}`);
});
/**
 * SIGINT / SIGTERM: stop taking requests, end every event stream (each page is told the server is
 * stopping), tell the running jobs (helm gets SIGTERM, as with a cancel: the release is marked
 * as helm leaves it, never half-written by a SIGKILL), wait for them briefly, then exit. A second
 * signal exits at once.
 */
let stopping = false;
async function stop() {
  if (stopping) process.exit(1);
  stopping = true;
  console.error('[server] stopping: ending the event streams and telling the running jobs…');
  removeTokenFile(cfg.port);
  const shutdown = globalThis[SHUTDOWN_KEY];
  shutdown.controller.abort();
  server.close();
  server.closeIdleConnections();
  const grace = new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref());
  await Promise.race([Promise.allSettled([...shutdown.pending]), grace]);
  // A moment for the streams' last message to leave, then whatever is still open goes.
  await new Promise((r) => setTimeout(r, 200).unref());
  server.closeAllConnections();
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stop());
