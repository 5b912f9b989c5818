import { describe, expect, it } from 'vitest';
import { manifestPathOf, manifestText, parseManifest, type BackupManifest } from './manifest';

const M: BackupManifest = {
  kind: 'lightrun-mysql-backup',
  version: 1,
  release: 'lightrun',
  namespace: 'lightrun',
  pod: 'lightrun-mysql-0',
  container: 'mysql',
  database: 'lightrunserver',
  takenAt: '2026-12-07T21:00:00.000Z',
  file: 'db.sql.gz',
  bytes: 1234,
  sqlBytes: 5678,
  tables: 0,
  sha256: 'a'.repeat(64),
};

describe('the backup manifest', () => {
  it('reads back what it writes', () => {
    expect(parseManifest(manifestText(M))).toEqual(M);
    expect(manifestText(M).endsWith('}\n')).toBe(true);
    expect(manifestPathOf('/x/db.sql.gz')).toBe('/x/db.sql.gz.manifest.json');
  });

  it.each([
    ['not JSON', '{', 'is not JSON.'],
    [
      'another kind',
      JSON.stringify({ ...M, kind: 'x' }),
      'is not a lightrun-mysql-backup manifest of version 1.',
    ],
    [
      'another version',
      JSON.stringify({ ...M, version: 2 }),
      'is not a lightrun-mysql-backup manifest of version 1.',
    ],
    ['null', 'null', 'is not a lightrun-mysql-backup manifest of version 1.'],
    ['no release', JSON.stringify({ ...M, release: '' }), 'has no release.'],
    ['no database', JSON.stringify({ ...M, database: 3 }), 'has no database.'],
    ['a negative size', JSON.stringify({ ...M, bytes: -1 }), 'has no bytes count.'],
    ['a fractional table count', JSON.stringify({ ...M, tables: 1.5 }), 'has no tables count.'],
    ['a short sha256', JSON.stringify({ ...M, sha256: 'a'.repeat(63) }), 'has no sha256.'],
    ['an upper-case sha256', JSON.stringify({ ...M, sha256: 'A'.repeat(64) }), 'has no sha256.'],
    [
      'a sha256 with junk before',
      JSON.stringify({ ...M, sha256: `x${M.sha256}` }),
      'has no sha256.',
    ],
    [
      'a sha256 with junk after',
      JSON.stringify({ ...M, sha256: `${M.sha256}x` }),
      'has no sha256.',
    ],
    ['a 65-digit sha256', JSON.stringify({ ...M, sha256: 'a'.repeat(65) }), 'has no sha256.'],
    ['a sha256 in a list', JSON.stringify({ ...M, sha256: [M.sha256] }), 'has no sha256.'],
    ['a release in a list', JSON.stringify({ ...M, release: ['lightrun'] }), 'has no release.'],
    ['a number', '42', 'is not a lightrun-mysql-backup manifest of version 1.'],
    [
      'a string',
      '"lightrun-mysql-backup"',
      'is not a lightrun-mysql-backup manifest of version 1.',
    ],
  ])('refuses %s', (_name, text, problem) => {
    expect(parseManifest(text)).toEqual({ problem });
  });
});
