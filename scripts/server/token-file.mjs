// Where a generated access token goes, and what the server prints about it (docs/security.md,
// "Access token"). The token never goes into a URL the server sees: the sign-in link carries it
// in the fragment (#token=…), which browsers keep to themselves. It is printed only to a terminal
// (a log file would keep it); otherwise the server names the 0600 file under the user's own 0700
// directory that holds it.
import { closeSync, constants, lstatSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The user's own directory for the token file: $XDG_RUNTIME_DIR, else ~/.cache. */
export function tokenDir(env = process.env) {
  const base = env.XDG_RUNTIME_DIR || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'lightrun-wizard');
}

export const tokenFile = (port, env = process.env) =>
  path.join(tokenDir(env), `access-token-${port}`);

/**
 * Writes the token to a fresh 0600 file in a 0700 directory of this user (created if missing;
 * refused if another user owns it, it is a link or others may read it). Returns the path.
 */
export function writeTokenFile(token, port, env = process.env) {
  const dir = tokenDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (
    !st.isDirectory() ||
    (process.getuid && st.uid !== process.getuid()) ||
    (st.mode & 0o077) !== 0
  )
    throw new Error(`${dir} must be a directory of this user that nobody else can read (0700)`);
  const file = tokenFile(port, env);
  rmSync(file, { force: true });
  const fd = openSync(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Removes the token file of this port (the server is stopping: the token dies with it). */
export function removeTokenFile(port, env = process.env) {
  rmSync(tokenFile(port, env), { force: true });
}

/**
 * What the server prints about signing in. The token itself only on a terminal, and only a
 * generated one (the admin already has a token they gave).
 * @param {{ base: string, token: string | null, generated: boolean, file: string | null, tty: boolean }} o
 * @returns {string[]}
 */
export function signInLines({ base, token, generated, file, tty }) {
  if (!token) return [];
  if (!generated)
    return [`sign in at ${base}/login with the token of LW_ACCESS_TOKEN / LW_ACCESS_TOKEN_FILE.`];
  const lines = [];
  if (tty) lines.push(`sign in: open ${base}/login#token=${token}`);
  if (file)
    lines.push(
      `the access token is in ${file} (0600; scripts send it as Authorization: Bearer)${tty ? '' : `: open ${base}/login and paste it`}.`,
    );
  if (!tty && !file)
    lines.push('no terminal and no token file: restart with LW_ACCESS_TOKEN_FILE set.');
  return lines;
}
