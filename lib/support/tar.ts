/**
 * A small POSIX ustar writer (PURE apart from node:zlib's gzip, which is computation): the support
 * bundle is a handful of text files, so no tar dependency is needed. Regular files and directories
 * only, mode 0600/0700, owner 0/0, one mtime; names longer than 100 bytes are split into ustar's
 * prefix (≤ 155) and name (≤ 100) at a `/`.
 */
import { gzipSync } from 'node:zlib';

export type TarEntry = { name: string; content: string | Uint8Array } | { name: string; dir: true };

const BLOCK = 512;
const enc = new TextEncoder();

export class TarNameError extends Error {}

/** Splits a path into ustar's [prefix, name]; throws TarNameError when it cannot be stored. */
export function splitName(path: string): [string, string] {
  const bytes = enc.encode(path).length;
  if (
    path === '' ||
    path.startsWith('/') ||
    path.split('/').some((p) => p === '..' || p === '.') ||
    path.includes('\0')
  ) {
    throw new TarNameError(`"${path}" is not a relative path inside the archive.`);
  }
  if (bytes <= 100) return ['', path];
  // The longest prefix that fits (≤ 155 bytes) and leaves a name of ≤ 100 bytes.
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (enc.encode(name).length > 100) break;
    if (enc.encode(prefix).length <= 155 && name !== '') return [prefix, name];
  }
  throw new TarNameError(
    `"${path}" is too long for a ustar archive (name ≤ 100 bytes after a prefix ≤ 155).`,
  );
}

function put(h: Uint8Array, offset: number, length: number, text: string): void {
  const b = enc.encode(text);
  if (b.length > length) throw new TarNameError(`header field too long: ${text}`);
  h.set(b, offset);
}

/** An octal number field of `length` bytes: digits, then NUL. */
function octal(h: Uint8Array, offset: number, length: number, n: number): void {
  const digits = n.toString(8);
  if (digits.length > length - 1)
    throw new TarNameError(`${n} does not fit a ${length}-byte tar field.`);
  put(h, offset, length, `${digits.padStart(length - 1, '0')}\0`);
}

/** One 512-byte ustar header. */
export function header(path: string, size: number, type: '0' | '5', mtimeSec: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(path);
  put(h, 0, 100, name);
  octal(h, 100, 8, type === '5' ? 0o700 : 0o600);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtimeSec);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  put(h, 156, 1, type);
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 265, 32, 'root');
  put(h, 297, 32, 'root');
  put(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The uncompressed archive: each entry's header and content padded to 512, then two zero blocks. */
export function tarBytes(entries: TarEntry[], mtime: Date): Uint8Array {
  const sec = Math.floor(mtime.getTime() / 1000);
  const parts: Uint8Array[] = [];
  let total = 0;
  const push = (p: Uint8Array) => {
    parts.push(p);
    total += p.length;
  };
  const seen = new Set<string>();
  for (const e of entries) {
    const name = 'dir' in e ? (e.name.endsWith('/') ? e.name : `${e.name}/`) : e.name;
    if (seen.has(name)) throw new TarNameError(`"${name}" is in the archive twice.`);
    seen.add(name);
    if ('dir' in e) {
      push(header(name.slice(0, -1) + '/', 0, '5', sec));
      continue;
    }
    const body = typeof e.content === 'string' ? enc.encode(e.content) : e.content;
    push(header(name, body.length, '0', sec));
    push(body);
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad) push(new Uint8Array(pad));
  }
  push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The gzip-compressed archive (`.tar.gz`). */
export function tarGz(entries: TarEntry[], mtime: Date): Buffer {
  return gzipSync(tarBytes(entries, mtime), { level: 6 });
}
