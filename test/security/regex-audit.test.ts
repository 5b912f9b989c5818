import path from 'node:path';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { findPatterns } from './regex-sources';

const root = path.resolve(__dirname, '../..');
const patterns = findPatterns(root);

// Issue 10: one pattern with overlapping quantifiers let an 80 KB request freeze the server.
// Every regular expression in the shipped source (lib/, app/, components/, the proxy and the
// server) is checked by recheck's static analysis plus fuzzing: only "safe" (no super-linear
// backtracking) passes; a pattern built at run time cannot be checked and is refused outright.
describe('regular expressions in the shipped source', () => {
  it('finds the patterns it audits (the scan itself works)', () => {
    expect(patterns.length).toBeGreaterThan(40);
    expect(patterns.some((p) => p.file === path.join('lib', 'answers', 'fields.ts'))).toBe(true);
  });

  it.each(patterns.map((p) => [`${p.file}:${p.line} /${p.source}/${p.flags}`, p] as const))(
    '%s',
    (_, p) => {
      expect(p.source, 'patterns built at run time cannot be audited').not.toBe('<dynamic>');
      const r = checkSync(p.source, p.flags.replace(/[gy]/g, ''), { timeout: 20_000 });
      expect({
        status: r.status,
        attack: r.status === 'vulnerable' ? r.attack.pattern : undefined,
      }).toEqual({ status: 'safe', attack: undefined });
    },
    30_000,
  );
});

// The patterns issue 10 found, kept here so the audit is known to catch them.
describe('the audit refuses the patterns that froze the server', () => {
  it.each([
    [
      'CIDR',
      String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$|^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/\d{1,3}$`,
    ],
    ['PEM certificate', String.raw`-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----`],
  ])(
    '%s',
    (_, source) => {
      expect(checkSync(source, '', { timeout: 20_000 }).status).toBe('vulnerable');
    },
    30_000,
  );
});
