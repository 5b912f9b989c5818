// Rows found by StrykerJS (bench/mutation.md) for the field schemas of fields.ts: both sides of
// each pattern's anchors, the exact first message where two refinements could both refuse, and
// the length bounds at their boundaries. Every row parses inside the test.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  absolutePathSchema,
  annotationKeySchema,
  fqdnSchema,
  hostSchema,
  registryHostSchema,
  registryPrefixSchema,
} from './fields';

const messages = (schema: z.ZodType, v: string) => {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};
const SCHEME = 'Enter the host name only, without a scheme such as "mysql://".';
const PORT = 'Enter the host name only: the port is fixed by the chart, do not add ":port".';
const DNS = 'Use a DNS name or an IPv4 address (letters, digits, "-" and ".").';
const label = (n: number) => 'a'.repeat(n);

describe('hostSchema: the scheme only at the start, the DNS pattern anchored at both ends', () => {
  it.each([
    ['mysql://db', [SCHEME]],
    ['db.example.com://x', [PORT]],
    ['-db.local', [DNS]],
    ['db.local-', [DNS]],
    ['a', []],
    ['db-1.local', []],
  ])('%j → %j', (v, expected) => {
    expect(messages(hostSchema, v)).toEqual(expected);
  });
});

describe('fqdnSchema and registryHostSchema: "://" later in the text is a port/path problem, not a scheme', () => {
  it('fqdn', () => {
    expect(messages(fqdnSchema, 'lightrun.example.com://x')).toEqual([
      'Enter the host name only, without a port or a path.',
    ]);
    expect(messages(fqdnSchema, 'https://lightrun.example.com')).toEqual([
      'Enter the host name only, without "https://".',
    ]);
  });
  it('registry host', () => {
    expect(messages(registryHostSchema, 'reg.io://x')).toEqual([
      'Enter the host (and port) only; put the path after it into "Path prefix".',
    ]);
  });
});

describe('registryHostSchema: the port digits only, the host at most 253 characters', () => {
  const HOST =
    'Use a host name or IPv4 address, optionally with :port (1-65535), e.g. registry.example.com:5000.';
  it.each([
    ['reg.io:5000x', [HOST]],
    [`${label(63)}.${label(63)}.${label(63)}.${label(61)}`, []], // 253 characters
    [`${label(63)}.${label(63)}.${label(63)}.${label(62)}`, [HOST]], // 254
    [`${label(63)}.${label(63)}.${label(63)}.${label(61)}:5000`, []],
  ])('%j → %j', (v, expected) => {
    expect(messages(registryHostSchema, v)).toEqual(expected);
  });
});

describe('registryPrefixSchema: components with several characters after a separator', () => {
  it.each(['my-mirror', 'mirror.io/light_run', 'a.bc/d-ef'])('accepts %j', (v) => {
    expect(messages(registryPrefixSchema, v)).toEqual([]);
  });
});

describe('absolutePathSchema: a reserved path itself and what is under it, not a longer name', () => {
  const RESERVED =
    'This path is used by the backend container itself (/tmp, /p12, /dumps, /jcache-config, /usr/src/lightrun): choose another, e.g. /keys.';
  it.each([
    ['/tmp', [RESERVED]],
    ['/tmp/keys', [RESERVED]],
    ['/tmpx', []],
    ['/usr/src/lightrun', [RESERVED]],
    ['/keys', []],
  ])('%j → %j', (v, expected) => {
    expect(messages(absolutePathSchema, v)).toEqual(expected);
  });
});

describe('annotationKeySchema: the prefix bound at 253, only before a "/"', () => {
  const PREFIX = 'The prefix before "/" has at most 253 characters.';
  const NAME = 'The annotation name after "/" has at most 63 characters: shorten it.';
  it.each([
    [`${label(253)}/x`, []],
    [`${label(254)}/x`, [PREFIX]],
    [label(300), [NAME]],
    [`example.com/${label(63)}`, []],
  ])('%j → %j', (v, expected) => {
    expect(messages(annotationKeySchema, v)).toEqual(expected);
  });
});
