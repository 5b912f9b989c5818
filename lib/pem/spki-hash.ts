/**
 * The certificate pin chart 3.50 works with (docs/chart-3.50.md §4, §8.1): the SHA-256 of the
 * certificate's SubjectPublicKeyInfo, as lowercase hex — what the chart's own init container
 * prints (`openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum`). PURE and
 * synchronous, so the browser, the server and the answers' rules compute the same hash: no
 * node:crypto, no WebCrypto (asynchronous).
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
/** A word of a fixed-size array (every index below is in range). */
const at = (a: Uint32Array, i: number): number => a[i] ?? 0;

/** One 64-byte block of SHA-256 (FIPS 180-4 §6.2.2) folded into the state `h`. */
function compress(h: Uint32Array, w: Uint32Array, block: DataView): void {
  for (let i = 0; i < 16; i++) w[i] = block.getUint32(i * 4);
  for (let i = 16; i < 64; i++) {
    const x = at(w, i - 15);
    const y = at(w, i - 2);
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = at(w, i - 16) + s0 + at(w, i - 7) + s1;
  }
  const v = Array.from(h);
  for (let i = 0; i < 64; i++) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, hh = 0] = v;
    const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + at(K, i);
    const t1w = (t1 + at(w, i)) | 0;
    const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    v.splice(0, 8, (t1w + t2) | 0, a, b, c, (d + t1w) | 0, e, f, g);
  }
  for (let i = 0; i < 8; i++) h[i] = at(h, i) + (v[i] ?? 0);
}

/** SHA-256 of `bytes`, as 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let at = 0; at < padded.length; at += 64)
    compress(h, w, new DataView(padded.buffer, at, 64));
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

/** One DER element at `at`: where its content starts and where the element ends. */
function element(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  if (at + 2 > der.length) throw new Error('truncated');
  const tag = der[at] ?? 0;
  let len = der[at + 1] ?? 0;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || start + n > der.length) throw new Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  if (end > der.length) throw new Error('truncated');
  return { tag, start, end };
}

const SEQUENCE = 0x30;

/**
 * The SubjectPublicKeyInfo (the whole DER element) of an X.509 certificate (RFC 5280 §4.1):
 * Certificate → tbsCertificate → [version], serial, signature, issuer, validity, subject, SPKI.
 */
export function spkiOf(der: Uint8Array): Uint8Array {
  const cert = element(der, 0);
  const tbs = element(der, cert.start);
  if (cert.tag !== SEQUENCE || tbs.tag !== SEQUENCE) throw new Error('not a certificate');
  let at = tbs.start;
  if (der[at] === 0xa0) at = element(der, at).end; // explicit version
  for (let skip = 0; skip < 5; skip++) at = element(der, at).end;
  const spki = element(der, at);
  if (spki.tag !== SEQUENCE || spki.end > tbs.end) throw new Error('not a certificate');
  return der.subarray(at, spki.end);
}

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/** The DER bytes of the first certificate of a PEM text (the leaf of a chain), or null. */
function firstCertificateDer(pem: string): Uint8Array | null {
  const from = pem.indexOf(BEGIN);
  const to = from < 0 ? -1 : pem.indexOf(END, from);
  if (to < 0) return null;
  const b64 = pem.slice(from + BEGIN.length, to).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/**
 * The pin of the first certificate of a PEM text (the leaf, as the chart's `openssl x509` reads
 * it): SHA-256 of its public key as lowercase hex, or null when it is no readable certificate.
 */
export function certificatePin(pem: string): string | null {
  const der = firstCertificateDer(pem);
  if (!der) return null;
  try {
    return sha256Hex(spkiOf(der));
  } catch {
    return null;
  }
}

/** A pin as the chart takes it: 64 lowercase hex digits (sha256sum's output). */
export const PIN_FORM = /^[0-9a-f]{64}$/;
