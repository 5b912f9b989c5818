import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { completeAnswers, validateAnswers } from '../answers';
import { makeRedactor, secretForms, secretValuesOf } from './redact';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
/** base64 of the secret's bytes from `skip` on, without padding, cut to whole 4-character groups. */
const core = (s: string, skip: number) => {
  const c = b64(Buffer.from(s).subarray(skip)).replace(/=+$/, '');
  return c.slice(0, c.length - (c.length % 4));
};

describe('secretForms: exactly which forms, at their length bounds', () => {
  it('7 bytes: the 1-byte shift (6 bytes, 8 characters) is kept; the 2-byte shift (5 bytes) is not tried', () => {
    // core('abcdefg', 0) = 'YWJjZGVm': 8 characters, the smallest kept.
    expect(secretForms('abcdefg')).toEqual(['abcdefg', 'YWJjZGVmZw==', 'YmNkZWZn', 'YWJjZGVm']);
  });

  it('21 bytes: shifts of 1 and 2 bytes only (a 3-byte shift is the plain alignment again)', () => {
    const s = 'S3cret-Registry-Token';
    expect(secretForms(s)).toEqual([s, 'UzNjcmV0LVJlZ2lzdHJ5LVRva2Vu', core(s, 1), core(s, 2)]);
    expect(secretForms(s)).not.toContain(core(s, 3));
  });

  it('the JSON-escaped form of a secret with a quote and a backslash', () => {
    const s = 'pa"ss\\word-1';
    // 12 bytes: the plain base64 has no padding, so its core is the base64 itself (listed once).
    expect(secretForms(s)).toEqual([s, 'pa\\"ss\\\\word-1', b64(s), core(s, 1), core(s, 2)]);
  });

  it('multi-line: each line trimmed, when it has at least 8 characters once trimmed', () => {
    const s = 'first-line-x\n  second-line  \n  short \n12345678\r\n1234567';
    expect(secretForms(s)).toEqual([
      s,
      JSON.stringify(s).slice(1, -1),
      b64(s),
      core(s, 1),
      core(s, 2),
      core(s, 0),
      'first-line-x',
      'second-line',
      '12345678',
    ]);
  });

  it('a one-line secret is not added again trimmed', () => {
    const s = '  padded-secret  ';
    expect(secretForms(s)).toEqual([s, b64(s), core(s, 1), core(s, 2), core(s, 0)]);
  });
});

describe('makeRedactor: longest form first', () => {
  it('a secret that contains a shorter one is replaced whole', () => {
    expect(makeRedactor(['abcd', 'abcdefgh'])('x abcdefgh y abcd')).toBe(
      'x [redacted] y [redacted]',
    );
    expect(makeRedactor(['abcdefgh', 'abcd'])('abcdefgh')).toBe('[redacted]');
  });
  it("a JSON-escaped secret inside helm's JSON output", () => {
    expect(makeRedactor(['pa"ss\\word-1'])('{"password":"pa\\"ss\\\\word-1"}')).toBe(
      '{"password":"[redacted]"}',
    );
  });
});

describe('secretValuesOf: no empty value', () => {
  it('the empty secret fields of the quick-default example are not listed', () => {
    const file = path.join(__dirname, '..', '..', 'examples', 'quick-default', 'answers.yaml');
    const parsed = validateAnswers(completeAnswers(parse(readFileSync(file, 'utf8'))));
    if (!parsed.success) throw new Error('example invalid');
    const values = secretValuesOf(parsed.data);
    expect(values).not.toContain('');
    expect(values.length).toBeGreaterThan(0);
  });
});
