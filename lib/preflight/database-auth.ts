import 'server-only';
/**
 * How the database check authenticates over plain TCP (docs/preflight.md, docs/security.md): only
 * with a scrambled proof of the password, never the password itself. mysql_native_password and
 * caching_sha2_password's fast authentication send such a proof. Everything that would hand over
 * the password is refused before a byte of it leaves: caching_sha2_password's full authentication
 * and sha256_password (both would encrypt it with an RSA key the server itself sends — any server
 * can send its own) and mysql_clear_password. Over TLS mysql2's own plugins are used.
 */
import { createHash } from 'node:crypto';
import type { ConnectionOptions } from 'mysql2/promise';

type AuthPlugins = NonNullable<ConnectionOptions['authPlugins']>;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** caching_sha2_password's proof: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble). */
export function cachingSha2Token(password: string, scramble: Buffer): Buffer {
  if (!password) return Buffer.alloc(0);
  const s1 = sha256(Buffer.from(password, 'utf8'));
  const s3 = sha256(Buffer.concat([sha256(s1), scramble]));
  return Buffer.from(s1.map((x, i) => x ^ s3[i]!));
}

/** A refused plugin: why the check did not log in, for the decision (database-decide.ts). */
export class PasswordNeedsTls extends Error {
  constructor(readonly plugin: string) {
    super(`the server asked for the password itself (${plugin})`);
  }
}

const FAST_AUTH_OK = 3;
const PERFORM_FULL_AUTH = 4;

/**
 * The auth plugins for a connection without TLS. `refused` learns which plugin was refused (mysql2
 * replaces a plugin error's code with its own, so the reason travels beside the error).
 */
export function plainTcpAuthPlugins(
  password: string,
  refused: (e: PasswordNeedsTls) => void,
): AuthPlugins {
  const refuse = (plugin: string) => {
    const e = new PasswordNeedsTls(plugin);
    refused(e);
    return e;
  };
  const never = (plugin: string) => () => () => {
    throw refuse(plugin);
  };
  return {
    caching_sha2_password: () => {
      let tokenSent = false;
      return (data: Buffer) => {
        if (!tokenSent) {
          tokenSent = true;
          return cachingSha2Token(password, data.subarray(0, 20));
        }
        if (data.length === 1 && data[0] === FAST_AUTH_OK) return null;
        if (data.length === 1 && data[0] === PERFORM_FULL_AUTH)
          throw refuse('caching_sha2_password');
        throw new Error('unexpected caching_sha2_password data from the server');
      };
    },
    sha256_password: never('sha256_password'),
    mysql_clear_password: never('mysql_clear_password'),
  };
}
