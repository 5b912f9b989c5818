/**
 * Pure decisions of the request guard (proxy.ts): is this Host the server's own, is this
 * request same-origin, which methods exist. No IO: the proxy passes in the headers and the
 * server's state, so each rule is unit-tested.
 */

export type GuardConfig = {
  /** The port the server listens on. */
  port: number;
  /** Names the admin published (LW_PUBLIC_HOST), each `name` or `name:port`, lowercase. */
  publicHosts: string[];
  /** http or https as the browser sees it (the trusted proxy's scheme when there is one). */
  scheme: 'http' | 'https';
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `name[:port]` of a Host header, name lowercased; null when it is not one. */
export function parseHost(host: string | null): { name: string; port: number | null } | null {
  if (!host || host.length > 260) return null;
  const m = /^(\[[0-9a-fA-F:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/.exec(host);
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535 || m[2]!.startsWith('0'))) return null;
  return { name: m[1]!.toLowerCase().replace(/\.$/, ''), port };
}

const defaultPort = (scheme: GuardConfig['scheme']) => (scheme === 'https' ? 443 : 80);

/**
 * A Host the server answers to: a loopback name on its own port, or a published name (on the
 * port it was published with, else the server's port). A DNS-rebinding page sends its own name.
 */
export function hostAllowed(host: string | null, cfg: GuardConfig): boolean {
  const h = parseHost(host);
  if (!h) return false;
  const port = h.port ?? defaultPort(cfg.scheme);
  if (LOOPBACK_NAMES.includes(h.name) && port === cfg.port) return true;
  return cfg.publicHosts.some((p) => {
    const pub = parseHost(p);
    return pub !== null && pub.name === h.name && port === (pub.port ?? cfg.port);
  });
}

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'];
export const STATE_CHANGING = (method: string) => !['GET', 'HEAD'].includes(method);

/**
 * A state-changing request from the wizard's own page: `Origin` is exactly scheme://host:port of
 * the (already checked) Host, and `Sec-Fetch-Site`, when the browser sends it, is same-origin.
 */
export function sameOrigin(
  headers: { origin: string | null; host: string | null; secFetchSite: string | null },
  cfg: GuardConfig,
): boolean {
  if (headers.secFetchSite !== null && headers.secFetchSite !== 'same-origin') return false;
  if (!headers.origin || !parseHost(headers.host)) return false;
  try {
    // URL normalises both sides the same way: lowercase host, default port dropped, [::1] kept
    return new URL(headers.origin).origin === new URL(`${cfg.scheme}://${headers.host}`).origin;
  } catch {
    return false;
  }
}
