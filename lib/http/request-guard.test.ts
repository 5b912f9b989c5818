import { describe, expect, it } from 'vitest';
import { hostAllowed, parseHost, sameOrigin, type GuardConfig } from './request-guard';

const local: GuardConfig = { port: 3200, publicHosts: [], scheme: 'http' };
const published: GuardConfig = {
  port: 8443,
  publicHosts: ['wizard.example.com', 'alt.example.com:443'],
  scheme: 'https',
};

describe('parseHost', () => {
  it.each([
    ['127.0.0.1:3200', { name: '127.0.0.1', port: 3200 }],
    ['LocalHost:1', { name: 'localhost', port: 1 }],
    ['[::1]:65535', { name: '[::1]', port: 65535 }],
    ['example.com.', { name: 'example.com', port: null }],
    ['example.com:0', null],
    ['example.com:65536', null],
    ['example.com:03200', null],
    ['a b', null],
    ['', null],
    [null, null],
    ['evil.example@127.0.0.1:3200', null],
  ])('%s', (h, expected) => expect(parseHost(h)).toEqual(expected));
});

describe('hostAllowed', () => {
  it.each([
    ['127.0.0.1:3200', local, true],
    ['localhost:3200', local, true],
    ['[::1]:3200', local, true],
    ['127.0.0.1:3201', local, false],
    ['127.0.0.1', local, false],
    ['127.0.0.2:3200', local, false],
    ['evil.example:3200', local, false],
    ['localhost.evil.example:3200', local, false],
    ['0.0.0.0:3200', local, false],
    [null, local, false],
    ['wizard.example.com:8443', published, true],
    ['wizard.example.com', published, false],
    ['alt.example.com', published, true],
    ['alt.example.com:8443', published, false],
    ['WIZARD.example.com:8443', published, true],
    ['other.example.com:8443', published, false],
    ['127.0.0.1:8443', published, true],
  ])('%s → %s', (h, cfg, ok) => expect(hostAllowed(h, cfg)).toBe(ok));
});

describe('sameOrigin', () => {
  const req = (origin: string | null, host: string | null, secFetchSite: string | null = null) => ({
    origin,
    host,
    secFetchSite,
  });
  it.each([
    [req('http://127.0.0.1:3200', '127.0.0.1:3200'), local, true],
    [req('http://127.0.0.1:3200', '127.0.0.1:3200', 'same-origin'), local, true],
    [req('http://127.0.0.1:3200', '127.0.0.1:3200', 'same-site'), local, false],
    [req('http://127.0.0.1:3200', '127.0.0.1:3200', 'cross-site'), local, false],
    [req('https://127.0.0.1:3200', '127.0.0.1:3200'), local, false],
    [req('http://127.0.0.1:3201', '127.0.0.1:3200'), local, false],
    [req('http://localhost:3200', '127.0.0.1:3200'), local, false],
    [req('http://evil.example:3200', '127.0.0.1:3200'), local, false],
    [req('null', '127.0.0.1:3200'), local, false],
    [req(null, '127.0.0.1:3200'), local, false],
    [req('http://[::1]:3200', '[::1]:3200'), local, true],
    [req('https://wizard.example.com:8443', 'wizard.example.com:8443'), published, true],
    [req('http://wizard.example.com:8443', 'wizard.example.com:8443'), published, false],
    [req('https://alt.example.com', 'alt.example.com'), published, true],
    [req('https://alt.example.com:443', 'alt.example.com'), published, true],
  ])('%j', (r, cfg, ok) => expect(sameOrigin(r, cfg)).toBe(ok));
});
