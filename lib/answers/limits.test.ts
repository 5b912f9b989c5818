import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validAnswers } from './__fixtures__/valid-answers';
import { capIssues, MAX_ISSUES, safeIssue } from './issues';
import { LIMITS } from './limits';
import { answersShapeSchema, validateAnswers, type Answers } from './schema';

type Node = Record<string, unknown>;

/** JSON-Schema nodes of the answers that are strings without maxLength or arrays without maxItems. */
function unbounded(node: unknown, at = '#'): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const own: string[] = [];
  if (
    n.type === 'string' &&
    n.maxLength === undefined &&
    n.const === undefined &&
    n.enum === undefined
  )
    own.push(`${at} (string)`);
  if (n.type === 'array' && n.maxItems === undefined) own.push(`${at} (array)`);
  return [...own, ...Object.entries(n).flatMap(([k, v]) => unbounded(v, `${at}/${k}`))];
}

describe('every answer is bounded', () => {
  it('every string has a maximum length and every list a maximum size (passthrough: bounded by the request size)', () => {
    const schema = z.toJSONSchema(answersShapeSchema, { unrepresentable: 'any' });
    expect(unbounded(schema)).toEqual(['#/properties/passthrough/propertyNames (string)']);
  });

  const networkPolicy = (cidrs: string[], namespaces: string[] = []): Answers['networkPolicy'] => ({
    enabled: true,
    ingress: { enabled: true, namespaces, cidrs },
    egress: { enabled: false, namespaces: [], cidrs: [] },
  });
  const run = (mutate: (a: Answers) => void) => {
    const a = validAnswers();
    mutate(a);
    const r = validateAnswers(a);
    return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  // Each input is the worst case of the pattern the field had before (each took seconds to
  // minutes there): over the cap the field reports its length and runs no pattern at all.
  it.each([
    [
      'a CIDR of 1 MB of ":"',
      (a: Answers) => (a.networkPolicy = networkPolicy([`${':'.repeat(1_000_000)}x`])),
      ['networkPolicy.ingress.cidrs.0: A CIDR has at most 43 characters.'],
    ],
    [
      'a certificate of 1 MB of BEGIN lines',
      (a: Answers) =>
        a.certificate.source === 'inline' &&
        (a.certificate.crt = '-----BEGIN CERTIFICATE-----'.repeat(40_000)),
      ['certificate.crt: A certificate chain has at most 65536 characters.'],
    ],
    [
      'a key of 1 MB of BEGIN lines',
      (a: Answers) =>
        a.certificate.source === 'inline' &&
        (a.certificate.key = '-----BEGIN RSA PRIVATE KEY-----'.repeat(33_000)),
      ['certificate.key: A private key has at most 16384 characters.'],
    ],
    [
      'a 5 MB license',
      (a: Answers) => (a.license.content = 'x'.repeat(5_000_000)),
      ['license.content: The license content has at most 65536 characters.'],
    ],
    [
      'a host of 1 MB of "a-"',
      (a: Answers) => (a.general.endpoint = 'a-'.repeat(500_000)),
      ['general.endpoint: A host name has at most 253 characters.'],
    ],
  ])('%s', (_, mutate, expected) => {
    expect(run(mutate)).toEqual(expected);
  });

  it('the longest CIDR there is (43 characters) passes; one character more gets the length message', () => {
    const longest = `${'ffff:'.repeat(7)}ffff/128`;
    expect(longest).toHaveLength(LIMITS.cidr);
    expect(run((a) => (a.networkPolicy = networkPolicy([longest])))).toEqual([]);
    expect(run((a) => (a.networkPolicy = networkPolicy([`${longest}0`])))).toEqual([
      'networkPolicy.ingress.cidrs.0: A CIDR has at most 43 characters.',
    ]);
  });

  it('the license may be exactly 64 KiB, not one character more', () => {
    expect(run((a) => (a.license.content = 'x'.repeat(LIMITS.licenseContent)))).toEqual([]);
    expect(run((a) => (a.license.content = 'x'.repeat(LIMITS.licenseContent + 1)))).toEqual([
      'license.content: The license content has at most 65536 characters.',
    ]);
  });

  it('a policy direction lists at most 256 CIDRs', () => {
    const cidrs = (n: number) =>
      Array.from({ length: n }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    expect(run((a) => (a.networkPolicy = networkPolicy(cidrs(256))))).toEqual([]);
    expect(run((a) => (a.networkPolicy = networkPolicy(cidrs(257))))).toEqual([
      'networkPolicy.ingress.cidrs: List at most 256 CIDRs.',
    ]);
  });

  it('annotations of one object stay within 256 KiB together', () => {
    const ann = (size: number) => [
      { key: 'example.com/a', value: 'v'.repeat(size - 'example.com/a'.length) },
    ];
    const lb = (size: number) => (a: Answers) =>
      (a.externalAccess = { mode: 'load-balancer', serviceAnnotations: ann(size) });
    expect(run(lb(LIMITS.annotationsTotal))).toEqual([]);
    expect(run(lb(LIMITS.annotationsTotal + 1))).toEqual([
      'externalAccess.serviceAnnotations: Kubernetes allows at most 256 KiB of annotations per object: shorten the values.',
    ]);
  });
});

describe('issues never echo what the sender typed as a key', () => {
  it('an unknown key is reported at its parent, without its name', () => {
    const a = validAnswers() as unknown as Record<string, Record<string, unknown>>;
    a.general!['MIIEsecretLicenseText'] = 'x';
    a.general!['other'] = 1;
    const r = validateAnswers(a);
    expect(r.success).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain('MIIEsecretLicenseText');
    expect(r.success ? [] : r.issues).toEqual([
      {
        path: ['general'],
        message:
          'Remove 2 unknown fields at "general": the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).',
      },
    ]);
  });

  it('at the top level', () => {
    expect(
      safeIssue({
        code: 'unrecognized_keys',
        path: [],
        message: 'Unrecognized key: "s3cr3t"',
        keys: ['s3cr3t'],
      }),
    ).toEqual({
      path: [],
      message:
        'Remove an unknown field at the top level: the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).',
    });
  });
});

describe('safeIssue', () => {
  const REST =
    'the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).';
  it.each([
    [
      'a nested parent, named by its dotted path',
      { code: 'unrecognized_keys', path: ['sizing', 'backend'], message: 'x', keys: ['a'] },
      {
        path: ['sizing', 'backend'],
        message: `Remove an unknown field at "sizing.backend": ${REST}`,
      },
    ],
    [
      'no key list: counted as one',
      { code: 'unrecognized_keys', path: ['general'], message: 'x' },
      { path: ['general'], message: `Remove an unknown field at "general": ${REST}` },
    ],
    [
      'any other issue keeps its message; symbols leave the path',
      { code: 'custom', path: ['a', Symbol('s'), 0, 'b'], message: 'Use a number.' },
      { path: ['a', 0, 'b'], message: 'Use a number.' },
    ],
  ] as const)('%s', (_n, issue, expected) =>
    expect(
      safeIssue({ ...issue, path: [...issue.path] } as Parameters<typeof safeIssue>[0]),
    ).toEqual(expected),
  );
});

describe('the issue list is capped', () => {
  const issues = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ path: [i], message: `m${i}` }));
  it.each([
    [MAX_ISSUES, MAX_ISSUES, null],
    [MAX_ISSUES + 1, MAX_ISSUES + 1, '…and 1 more problem: fix the ones above first.'],
    [MAX_ISSUES + 7, MAX_ISSUES + 1, '…and 7 more problems: fix the ones above first.'],
  ])('%i issues → %i lines', (n, lines, last) => {
    const capped = capIssues(issues(n));
    expect(capped).toHaveLength(lines);
    expect(capped[MAX_ISSUES - 1]).toEqual({
      path: [MAX_ISSUES - 1],
      message: `m${MAX_ISSUES - 1}`,
    });
    expect(capped[MAX_ISSUES]?.message ?? null).toBe(last);
    // the count line belongs to no field
    if (last) expect(capped[MAX_ISSUES]!.path).toEqual([]);
  });

  it('validateAnswers reports at most 101 lines for 300 bad CIDRs', () => {
    const a = validAnswers();
    a.networkPolicy = {
      enabled: true,
      ingress: { enabled: true, namespaces: [], cidrs: Array(200).fill('x') },
      egress: { enabled: true, namespaces: [], cidrs: Array(100).fill('y') },
    };
    const r = validateAnswers(a);
    expect(r.success ? 0 : r.issues.length).toBe(MAX_ISSUES + 1);
  });
});
