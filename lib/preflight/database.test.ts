// The database check against a fake MySQL server written here with node:net: it speaks just
// enough of the protocol (handshake, auth switch, AuthMoreData) to ask for each way a server can
// make a client hand over the password, and records every byte the client sends. The password
// must never be readable by it over plain TCP (docs/preflight.md, docs/security.md).
import { createHash, generateKeyPairSync, privateDecrypt, constants } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase, gatherDatabase } from './database';

const PASSWORD = 'S3cret-pa55word';
const SCRAMBLE = Buffer.from('abcdefghijklmnopqrst'); // 20 bytes, as a server sends
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }) as string;

/** What the server asks for after the handshake response. */
type Ask =
  | 'caching-sha2-full' // auth switch to caching_sha2_password, then "perform full authentication"
  | 'caching-sha2-fast' // auth switch to caching_sha2_password, then "fast auth success"
  | 'caching-sha2-direct' // caching_sha2_password named in the handshake, "full authentication" at once
  | 'sha256' // auth switch to sha256_password (the client asks for the key, or sends it in clear)
  | 'clear'; // auth switch to mysql_clear_password

const packet = (seq: number, payload: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq;
  return Buffer.concat([head, payload]);
};

function handshakeV10(plugin: string): Buffer {
  // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, PLUGIN_AUTH_LENENC_CLIENT_DATA, LONG_PASSWORD, TRANSACTIONS
  const caps = 0x1 | 0x200 | 0x2000 | 0x8000 | 0x80000 | 0x200000;
  const b = [
    Buffer.from([10]),
    Buffer.from('8.0.38-fake\0'),
    Buffer.from([1, 0, 0, 0]),
    SCRAMBLE.subarray(0, 8),
    Buffer.from([0]),
    Buffer.from([caps & 0xff, (caps >> 8) & 0xff]),
    Buffer.from([0xff]),
    Buffer.from([2, 0]),
    Buffer.from([(caps >> 16) & 0xff, (caps >> 24) & 0xff]),
    Buffer.from([21]),
    Buffer.alloc(10),
    SCRAMBLE.subarray(8),
    Buffer.from([0]),
    Buffer.from(`${plugin}\0`),
  ];
  return Buffer.concat(b);
}

const OK = Buffer.from([0, 0, 0, 2, 0, 0, 0]);
const ACCESS_DENIED = Buffer.concat([
  Buffer.from([0xff, 0x15, 0x04]),
  Buffer.from('#28000Access denied'),
]);
const PLUGIN: Record<Ask, string> = {
  'caching-sha2-full': 'caching_sha2_password',
  'caching-sha2-fast': 'caching_sha2_password',
  'caching-sha2-direct': 'caching_sha2_password',
  sha256: 'sha256_password',
  clear: 'mysql_clear_password',
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
/** caching_sha2_password's token: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble). */
function isToken(b: Buffer): boolean {
  const s1 = sha256(Buffer.from(PASSWORD));
  const s3 = sha256(Buffer.concat([sha256(s1), SCRAMBLE]));
  return b.equals(Buffer.from(s1.map((x, i) => x ^ s3[i]!)));
}
const authSwitch = (plugin: string) =>
  Buffer.concat([Buffer.from([0xfe]), Buffer.from(`${plugin}\0`), SCRAMBLE, Buffer.from([0])]);
const moreData = (data: Buffer | string) => Buffer.concat([Buffer.from([1]), Buffer.from(data)]);

/** The password the fake server learned, if any: an RSA-encrypted reply decrypted with its own key. */
function decryptWithOwnKey(data: Buffer): string | null {
  try {
    const plain = privateDecrypt(
      { key: privateKey, oaepHash: 'sha1', padding: constants.RSA_PKCS1_OAEP_PADDING },
      data,
    );
    const out = Buffer.alloc(plain.length);
    for (let i = 0; i < plain.length; i++) out[i] = plain[i]! ^ SCRAMBLE[i % SCRAMBLE.length]!;
    return out.toString('utf8').replace(/\0$/, '');
  } catch {
    return null;
  }
}

type Fake = {
  port: number;
  /** Every payload the client sent, in order. */
  received: Buffer[];
  /** The client asked for the server's public key. */
  keyRequested: boolean;
  /** Passwords the server could read: in clear, or decrypted with its own key. */
  learned: string[];
  /** The client got as far as a query (it considered itself logged in). */
  queried: boolean;
  close(): Promise<void>;
};

const open: Fake[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
});

async function fakeMysql(ask: Ask): Promise<Fake> {
  const f = { received: [], keyRequested: false, learned: [], queried: false } as unknown as Fake;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    let buf = Buffer.alloc(0);
    let step = 0;
    sock.on('error', () => {});
    sock.write(
      packet(
        0,
        handshakeV10(ask === 'caching-sha2-direct' ? PLUGIN[ask] : 'mysql_native_password'),
      ),
    );
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4) {
        const len = buf.readUIntLE(0, 3);
        if (buf.length < 4 + len) return;
        const seq = buf[3]!;
        const payload = buf.subarray(4, 4 + len);
        buf = buf.subarray(4 + len);
        f.received.push(payload);
        const send = (...ps: Buffer[]) => ps.forEach((p, i) => sock.write(packet(seq + 1 + i, p)));
        if (payload.includes(Buffer.from(PASSWORD))) f.learned.push(PASSWORD);
        const decrypted = payload.length === 256 ? decryptWithOwnKey(payload) : null;
        if (decrypted) f.learned.push(decrypted);
        step++;
        if (step === 1 && ask === 'caching-sha2-direct') {
          send(moreData(Buffer.from([4])));
        } else if (step === 1) {
          // the handshake response: switch to the plugin under test
          send(authSwitch(PLUGIN[ask]));
        } else if (step === 2 && ask.startsWith('caching-sha2') && isToken(payload)) {
          // a correct scrambled token: fast authentication, or "send me the password"
          if (ask === 'caching-sha2-fast') send(moreData(Buffer.from([3])), OK);
          else send(moreData(Buffer.from([4])));
        } else if (payload.length === 1 && (payload[0] === 1 || payload[0] === 2)) {
          // sha256_password asks for the key with 1, caching_sha2_password with 2
          f.keyRequested = true;
          send(moreData(PUBLIC_PEM));
        } else if (payload[0] === 3 && ask === 'caching-sha2-fast' && step === 3) {
          f.queried = true; // COM_QUERY: the client considers itself logged in
          sock.destroy();
          return;
        } else send(ACCESS_DENIED);
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  f.port = (server.address() as AddressInfo).port;
  f.close = () => {
    for (const s of sockets) s.destroy();
    return new Promise((ok) => server.close(() => ok()));
  };
  open.push(f);
  return f;
}

const target = { host: '127.0.0.1', user: 'lightrun', database: 'lightrunserver' };

describe('the database check never hands the password to a server it has not verified', () => {
  it.each<Ask>(['caching-sha2-full', 'sha256', 'clear'])(
    '%s over plain TCP: the password is not sent, the key not requested, and the check says why (warn)',
    async (ask) => {
      const fake = await fakeMysql(ask);
      const v = await checkDatabase(
        { ...target, password: PASSWORD, requireTls: false },
        undefined,
        fake.port,
      );
      expect(fake.learned).toEqual([]);
      expect(fake.keyRequested).toBe(false);
      expect(Buffer.concat(fake.received).includes(Buffer.from(PASSWORD))).toBe(false);
      expect(v).toMatchObject({ status: 'warn' });
      expect(v.message).toMatch(
        /^Could not log in to 127\.0\.0\.1:3306 as lightrun: the server asked for the password itself \((caching_sha2_password|sha256_password|mysql_clear_password)\)/,
      );
      expect(v.fix).toContain('database.requireSecureTransport');
      expect(`${v.message} ${v.fix}`).not.toContain(PASSWORD);
    },
  );

  it('caching_sha2_password named in the handshake, full authentication asked at once: nothing is sent', async () => {
    const fake = await fakeMysql('caching-sha2-direct');
    const v = await checkDatabase(
      { ...target, password: PASSWORD, requireTls: false },
      undefined,
      fake.port,
    );
    expect(fake.learned).toEqual([]);
    expect(fake.keyRequested).toBe(false);
    expect(v.status).not.toBe('pass');
  });

  it('caching_sha2_password fast authentication (a scrambled token) still logs in over plain TCP', async () => {
    const fake = await fakeMysql('caching-sha2-fast');
    const r = await gatherDatabase(
      { ...target, password: PASSWORD, requireTls: false },
      undefined,
      fake.port,
    );
    // The fake hangs up at the first query: the client had logged in.
    expect(fake.queried).toBe(true);
    expect(fake.learned).toEqual([]);
    expect(r).toMatchObject({ error: { code: expect.not.stringMatching(/PASSWORD_NEEDS_TLS/) } });
  });
});
