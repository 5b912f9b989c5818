import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  removeTokenFile,
  signInLines,
  tokenDir,
  tokenFile,
  writeTokenFile,
  // @ts-expect-error plain ESM module without types
} from './token-file.mjs';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'lw-token-'));

describe('the token file', () => {
  it('goes to $XDG_RUNTIME_DIR/lightrun-wizard, else ~/.cache/lightrun-wizard, one per port', () => {
    expect(tokenDir({ XDG_RUNTIME_DIR: '/run/user/1000', HOME: '/h' })).toBe(
      '/run/user/1000/lightrun-wizard',
    );
    expect(tokenDir({ HOME: '/h' })).toBe('/h/.cache/lightrun-wizard');
    expect(tokenFile(3000, { HOME: '/h' })).toBe('/h/.cache/lightrun-wizard/access-token-3000');
  });

  it('is written 0600 in a 0700 directory, replaced on the next start, removed at the end', () => {
    const env = { HOME: home() };
    const file = writeTokenFile('first', 3000, env);
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    writeTokenFile('second', 3000, env);
    expect(readFileSync(file, 'utf8')).toBe('second\n');
    removeTokenFile(3000, env);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses a directory others may read, and never follows a planted link', () => {
    const env = { HOME: home() };
    const dir = tokenDir(env);
    writeTokenFile('x', 1, env);
    chmodSync(dir, 0o750);
    expect(() => writeTokenFile('y', 1, env)).toThrow(/nobody else can read \(0700\)/);
    chmodSync(dir, 0o700);
    const target = path.join(env.HOME, 'elsewhere');
    writeFileSync(target, 'keep');
    symlinkSync(target, tokenFile(2, env));
    writeTokenFile('z', 2, env);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readFileSync(tokenFile(2, env), 'utf8')).toBe('z\n');
  });
});

describe('signInLines', () => {
  const base = 'http://127.0.0.1:3000';
  it('a terminal gets the link with the token in the fragment, and the file', () => {
    expect(signInLines({ base, token: 'T0K', generated: true, file: '/f', tty: true })).toEqual([
      'sign in: open http://127.0.0.1:3000/login#token=T0K',
      'the access token is in /f (0600; scripts send it as Authorization: Bearer).',
    ]);
  });
  it('no terminal (a log): never the token, only where it is', () => {
    const lines = signInLines({ base, token: 'T0K', generated: true, file: '/f', tty: false });
    expect(lines.join('\n')).not.toContain('T0K');
    expect(lines).toEqual([
      'the access token is in /f (0600; scripts send it as Authorization: Bearer): open http://127.0.0.1:3000/login and paste it.',
    ]);
  });
  it('a token the admin gave is never printed; no token, nothing to say', () => {
    const lines = signInLines({ base, token: 'T0K', generated: false, file: null, tty: true });
    expect(lines.join('\n')).not.toContain('T0K');
    expect(signInLines({ base, token: null, generated: false, file: null, tty: true })).toEqual([]);
  });
});
