import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers } from '../answers';
import { makeRedactor, secretForms, secretValuesOf, secretValuesOfTree } from './redact';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('makeRedactor', () => {
  const r = makeRedactor(['Example-Db-Pass-1', 'abc', 'line-one-of-key\nline-two-of-key']);
  it.each([
    ['plain', 'Error: password Example-Db-Pass-1 rejected', 'Error: password [redacted] rejected'],
    ['twice', 'Example-Db-Pass-1/Example-Db-Pass-1', '[redacted]/[redacted]'],
    [
      'base64 (Secret data)',
      `SPRING_DATASOURCE_PASSWORD: ${b64('Example-Db-Pass-1')}`,
      'SPRING_DATASOURCE_PASSWORD: [redacted]',
    ],
    ['JSON-escaped multi-line', '{"k":"line-one-of-key\\nline-two-of-key"}', '{"k":"[redacted]"}'],
    ['one line of a multi-line secret', '  line-two-of-key', '  [redacted]'],
    ['too short to redact alone', 'abc is fine', 'abc is fine'],
    ['nothing secret', 'Release "lr" has been upgraded.', 'Release "lr" has been upgraded.'],
  ])('%s', (_n, input, want) => {
    expect(r(input)).toBe(want);
  });

  it.each([0, 1, 2, 3, 5])(
    'finds the secret inside a longer base64 blob (prefix of %i bytes)',
    (n) => {
      const secret = 'S3cret-Registry-Token';
      const blob = b64(`${'x'.repeat(n)}{"auth":"${secret}"}`);
      const out = makeRedactor([secret])(blob);
      expect(out).toContain('[redacted]');
      // What is left cannot be decoded back to the secret.
      expect(
        Buffer.from(out.replace(/\[redacted\]/g, ''), 'base64').toString('latin1'),
      ).not.toContain('Registry-Token');
    },
  );

  it('with no secrets returns the text unchanged', () => {
    expect(makeRedactor([])('Example-Db-Pass-1')).toBe('Example-Db-Pass-1');
  });
});

describe('secretForms', () => {
  it('skips secrets below 4 characters and keeps those of 4', () => {
    expect(secretForms('abc')).toEqual([]);
    expect(secretForms('abcd')).toEqual(['abcd', 'YWJjZA==']);
  });
});

describe('secretValuesOf', () => {
  it('collects every secret of the quick-default example, PEM key and its base64 included', () => {
    const file = path.join(__dirname, '..', '..', 'examples', 'quick-default', 'answers.yaml');
    const parsed = validateAnswers(completeAnswers(parse(readFileSync(file, 'utf8'))));
    if (!parsed.success) throw new Error('example invalid');
    const values = secretValuesOf(parsed.data, ['lr', 'example', 'com']);
    expect(secretValuesOf(parsed.data)).not.toContain('lightrun');
    expect(
      secretValuesOf({
        ...parsed.data,
        database: { ...parsed.data.database, user: 'db-owner-77' },
      }),
    ).toContain('db-owner-77');
    expect(
      secretValuesOf(
        {
          ...parsed.data,
          database: { ...parsed.data.database, user: 'db-owner-77' },
        },
        ['db-owner-77'],
      ),
    ).not.toContain('db-owner-77');
    for (const s of [
      'Example-Db-Pass-1',
      'Example-Keycloak-Pass-1',
      'example-keystore-1',
      'EXAMPLE-LICENSE-CONTENT-not-a-real-license',
      'EXAMPLE-LICENSE-SIGNATURE-0000',
    ]) {
      expect(values).toContain(s);
    }
    const key = (parsed.data as { certificate: { key: string } }).certificate.key;
    expect(values).toContain(key);
    expect(values).toContain(b64(key));
    const r = makeRedactor(values);
    const keyLine = key.split('\n')[3]!;
    expect(r(`bad: ${keyLine}`)).toBe('bad: [redacted]');
    expect(r('Example-Db-Pass-1 lightrun.example.com')).toBe('[redacted] lightrun.example.com');
  });
});

describe("secretValuesOfTree (rollback/uninstall: the release's own values)", () => {
  const values = {
    general: { lightrun_endpoint: 'lr.example.com', db_local: true },
    secrets: {
      db: { user: 'lightrun', password: 'Release-Db-Pass-9' },
      keycloak: { password: 'Release-Kc-Pass-9' },
      defaults: {
        dockerhub_config: { existingSecret: 'my-pull-secret', configContent: 'eyJhdXRocyI6e319' },
      },
    },
    certificate: {
      tls: { key: 'PRIVATE-KEY-TEXT', crt: 'CERT-TEXT-1' },
      existing_cert: 'not-secret-name',
    },
  };
  it('collects the leaves at secret paths, not public words, names or other values', () => {
    const got = secretValuesOfTree(values, ['lr']).sort();
    expect(got).toEqual([
      'CERT-TEXT-1',
      'PRIVATE-KEY-TEXT',
      'Release-Db-Pass-9',
      'Release-Kc-Pass-9',
      'eyJhdXRocyI6e319',
    ]);
    expect(secretValuesOfTree(values, ['Release-Kc-Pass-9'])).not.toContain('Release-Kc-Pass-9');
    expect(secretValuesOfTree(null)).toEqual([]);
  });
  it('a redactor from them hides a password helm echoes', () => {
    const r = makeRedactor(secretValuesOfTree(values));
    expect(r('Error: cannot patch: Release-Db-Pass-9 rejected')).toBe(
      'Error: cannot patch: [redacted] rejected',
    );
  });
});
