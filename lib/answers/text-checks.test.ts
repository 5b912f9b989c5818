import { describe, expect, it } from 'vitest';
import { firstPemBlock, hasPemBlock, hasPrivateKeyBlock, isCidr, isIpv6 } from './text-checks';

describe('isCidr', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['0.0.0.0/0', true],
    ['255.255.255.255/32', true],
    ['203.0.113.7/32', true],
    ['10.0.0.0/33', false],
    ['256.0.0.0/8', false],
    ['10.0.0/8', false],
    ['10.0.0.0.0/8', false],
    ['010.0.0.0/8', false],
    ['10.0.0.0/08', false],
    ['10.0.0.0', false],
    ['10.0.0.0/8/8', false],
    ['10.0.0.0/', false],
    ['a.b.c.d/8', false],
    ['fd00::/8', true],
    ['::/0', true],
    ['2001:db8::1/128', true],
    ['2001:db8:0:0:0:0:0:1/64', true],
    ['2001:db8::1/129', false],
    ['2001:db8:0:0:0:0:0:0:1/64', false],
    ['2001:db8:0:0:0:0:1/64', false],
    ['2001::db8::1/64', false],
    ['2001:db8g::/32', false],
    ['12345::/16', false],
    [':::/8', false],
    // Number() reads more than digits: a sign, spaces, an exponent. Only plain digits pass.
    ['10.0.0.0/+8', false],
    ['10.0.0.0/ 8', false],
    ['10.0.0.0/8 ', false],
    ['10.0.0.0/1e1', false],
    ['+1.0.0.0/8', false],
    [' 1.0.0.0/8', false],
    ['1 .0.0.0/8', false],
    ['1e2.0.0.0/8', false],
    ['::1/+8', false],
    ['::1/1e1', false],
  ])('%s → %s', (s, ok) => expect(isCidr(s)).toBe(ok));
});

describe('isIpv6', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8::', false],
    ['1:2:3:4:5:6:7', false],
    [':1:2:3:4:5:6:7', false],
    ['1:2:3::4:5:6::7:8', false],
    // every edge of the hex digits, and the character just past each
    ['0::9', true],
    ['a::f', true],
    ['A::F', true],
    ['/::', false],
    [';::', false],
    ['`::', false],
    ['g::', false],
    ['@::', false],
    ['G::', false],
  ])('%s → %s', (s, ok) => expect(isIpv6(s)).toBe(ok));
});

describe('PEM blocks', () => {
  const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
  it('finds the first block with content, including its markers', () => {
    expect(firstPemBlock(`junk\n${cert}\n${cert.replace('MIIB', 'XYZ')}`, 'CERTIFICATE')).toBe(
      cert,
    );
  });
  it.each([
    ['-----BEGIN CERTIFICATE----------END CERTIFICATE-----', false],
    ['-----BEGIN CERTIFICATE-----x-----END CERTIFICATE-----', true],
    ['-----BEGIN CERTIFICATE-----\nMIIB\n', false],
    ['-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nx', false],
  ])('%j → %s', (t, ok) => expect(hasPemBlock(t, 'CERTIFICATE')).toBe(ok));
  it.each([
    ['-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----', true],
    ['-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----', true],
    ['-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----', true],
    ['-----BEGIN PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----', false],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----', false],
  ])('private key %j → %s', (t, ok) => expect(hasPrivateKeyBlock(t)).toBe(ok));
});
