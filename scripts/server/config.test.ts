import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { NO_TOKEN_CONSENT, serverConfig, tokenBits } from './config.mjs';

const files: Record<string, string> = {
  '/c.pem': 'CERT',
  '/k.pem': 'KEY',
  '/token': 'Zt4q-8Jw_mX2pLr9vK0s\n',
};
const read = (f: string) => {
  if (f in files) return files[f]!;
  throw Object.assign(new Error('no'), { code: 'ENOENT' });
};
const run = (env: Record<string, string>) => serverConfig(env, read);

describe('serverConfig', () => {
  it('defaults to 127.0.0.1:3000 without TLS, a token required and generated (loopback too)', () => {
    expect(run({})).toEqual({
      ok: true,
      config: {
        host: '127.0.0.1',
        port: 3000,
        loopback: true,
        tls: null,
        insecureHttp: false,
        publicHosts: [],
        trustedProxy: null,
        requireToken: true,
        token: null,
        tokenGenerated: true,
      },
    });
  });

  it('the token is off only with the consent value, and only on loopback', () => {
    expect(run({ LW_NO_ACCESS_TOKEN: NO_TOKEN_CONSENT }).config).toMatchObject({
      requireToken: false,
      token: null,
      tokenGenerated: false,
    });
    for (const v of ['1', 'true', 'yes', '', `${NO_TOKEN_CONSENT} `]) {
      const r = run({ LW_NO_ACCESS_TOKEN: v });
      expect(r.ok, JSON.stringify(v)).toBe(false);
      expect(r.error).toMatch(/every user of this machine could then read the Secrets/);
    }
    const off = run({
      HOST: '10.0.0.5',
      LW_ALLOW_INSECURE_HTTP: '1',
      LW_NO_ACCESS_TOKEN: NO_TOKEN_CONSENT,
    });
    expect(off.ok).toBe(false);
    expect(off.error).toMatch(/for a wizard on loopback only/);
  });

  it('a given token must be hard to guess: 16 × a, a run, a short pattern are refused', () => {
    for (const t of ['aaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuvwxyz', 'abababababababababab']) {
      const r = run({ LW_ACCESS_TOKEN: t });
      expect(r.ok, t).toBe(false);
      expect(r.error).toMatch(/too easy to guess/);
    }
    expect(run({ LW_ACCESS_TOKEN: 'Zt4q-8Jw_mX2pLr9vK0s' }).config.token).toBe(
      'Zt4q-8Jw_mX2pLr9vK0s',
    );
  });

  it('tokenBits: 0 for one repeated character, steps count once, random text scores high', () => {
    expect(tokenBits('aaaaaaaaaaaaaaaa')).toBe(0);
    expect(tokenBits('ab')).toBe(1);
    expect(tokenBits('abc')).toBeCloseTo(Math.log2(3), 10);
    expect(tokenBits('ac')).toBe(2);
    expect(tokenBits('ALmUR0T2TgXqENEpzNhDrWSzmCPjjTHyh3SoAapJSu4')).toBeGreaterThan(150);
  });

  it.each([
    [{ HOST: '10.0.0.5' }, /Refusing to serve HOST=10\.0\.0\.5 over plain HTTP/],
    [{ HOST: '0.0.0.0', LW_ALLOW_INSECURE_HTTP: '1' }, /set LW_PUBLIC_HOST/],
    [{ HOST: '10.0.0.5', LW_ALLOW_INSECURE_HTTP: 'yes' }, /over plain HTTP/],
    [{ LW_TLS_CERT: '/c.pem' }, /both LW_TLS_CERT and LW_TLS_KEY/],
    [
      { LW_TLS_CERT: '/c.pem', LW_TLS_KEY: '/missing' },
      /Cannot read the TLS certificate or key \(ENOENT\)/,
    ],
    [
      { HOST: '10.0.0.5', LW_ALLOW_INSECURE_HTTP: '1', LW_ACCESS_TOKEN: 'short' },
      /16 to 1024 characters/,
    ],
    [
      { HOST: '10.0.0.5', LW_ALLOW_INSECURE_HTTP: '1', LW_ACCESS_TOKEN_FILE: '/missing' },
      /Cannot read LW_ACCESS_TOKEN_FILE \(ENOENT\)/,
    ],
    [{ LW_TRUSTED_PROXY: 'proxy.example' }, /not an IP address/],
    [{ PORT: '70000' }, /not a port number/],
  ])('refuses %j', (env, message) => {
    const r = run(env);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(message);
  });

  it('off loopback over HTTPS: the bind address is the public host, the token is generated', () => {
    expect(
      run({ HOST: '10.0.0.5', PORT: '8443', LW_TLS_CERT: '/c.pem', LW_TLS_KEY: '/k.pem' }),
    ).toEqual({
      ok: true,
      config: {
        host: '10.0.0.5',
        port: 8443,
        loopback: false,
        tls: { cert: 'CERT', key: 'KEY' },
        insecureHttp: false,
        publicHosts: ['10.0.0.5'],
        trustedProxy: null,
        requireToken: true,
        token: null,
        tokenGenerated: true,
      },
    });
  });

  it('a token file (trailing newline dropped), published names, plain HTTP when told, a trusted proxy', () => {
    const r = run({
      HOST: '0.0.0.0',
      LW_ALLOW_INSECURE_HTTP: '1',
      LW_PUBLIC_HOST: 'Wizard.example.com, wizard.example.com:8080',
      LW_ACCESS_TOKEN_FILE: '/token',
      LW_TRUSTED_PROXY: '10.0.0.1',
    });
    expect(r.config).toMatchObject({
      loopback: false,
      insecureHttp: true,
      publicHosts: ['wizard.example.com', 'wizard.example.com:8080'],
      token: 'Zt4q-8Jw_mX2pLr9vK0s',
      tokenGenerated: false,
      trustedProxy: '10.0.0.1',
    });
  });

  it('an IPv6 bind address is published in brackets; ::1 is loopback', () => {
    expect(run({ HOST: 'fd00::5', LW_ALLOW_INSECURE_HTTP: '1' }).config.publicHosts).toEqual([
      '[fd00::5]',
    ]);
    expect(run({ HOST: '::1' }).config.loopback).toBe(true);
    expect(run({ HOST: '127.0.0.2', LW_ALLOW_INSECURE_HTTP: '1' }).config.loopback).toBe(false);
  });
});
