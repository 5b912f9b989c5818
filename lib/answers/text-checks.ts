/**
 * Linear-time checks for text the answers hold. Written as plain code instead of regular
 * expressions because the patterns they replace backtracked catastrophically (a CIDR pattern with
 * overlapping quantifiers, lazy PEM patterns scanned from every BEGIN line: issue 10).
 */

/** The first `-----BEGIN <label>-----` … `-----END <label>-----` block with content, or undefined. */
export function firstPemBlock(text: string, label: string): string | undefined {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const b = text.indexOf(begin);
  if (b < 0) return undefined;
  const e = text.indexOf(end, b + begin.length + 1);
  return e < 0 ? undefined : text.slice(b, e + end.length);
}

/** True when `text` holds a `-----BEGIN <label>-----` … `-----END <label>-----` block with content. */
export const hasPemBlock = (text: string, label: string): boolean =>
  firstPemBlock(text, label) !== undefined;

const PRIVATE_KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/** An unencrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key block. */
export const hasPrivateKeyBlock = (text: string): boolean =>
  PRIVATE_KEY_LABELS.some((l) => hasPemBlock(text, l));

const isHex = (c: string) =>
  (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

function isIpv6Group(g: string): boolean {
  return g.length >= 1 && g.length <= 4 && [...g].every(isHex);
}

/** An IPv6 address in RFC 4291 text form (hex groups, at most one "::"; no embedded IPv4). */
export function isIpv6(addr: string): boolean {
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((gs) => gs.every(isIpv6Group))) return false;
  const count = groups.reduce((n, gs) => n + gs.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** IPv4 prefix 0-32 written without leading zeros, or IPv6 prefix 0-128. */
function isPrefix(p: string, max: number): boolean {
  if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return false;
  return Number(p) <= max;
}

/** True for `a.b.c.d/n` (n 0-32) or an IPv6 address with `/n` (n 0-128). */
export function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0 || slash !== s.lastIndexOf('/')) return false;
  const addr = s.slice(0, slash);
  const prefix = s.slice(slash + 1);
  if (addr.includes(':')) return isIpv6(addr) && isPrefix(prefix, 128);
  const octets = addr.split('.');
  const octetOk = (o: string) =>
    /^\d{1,3}$/.test(o) && !(o.length > 1 && o[0] === '0') && Number(o) <= 255;
  return octets.length === 4 && octets.every(octetOk) && isPrefix(prefix, 32);
}
