import { describe, expect, it } from 'vitest';
import { BACKUP_USAGE, backupText, runBackupCommand } from './backup';

/** Runs the command; what it printed and its exit code. */
async function run(argv: string[]) {
  let err = '';
  const code = await runBackupCommand(argv, (s) => (err += s));
  return { code, err };
}

describe('cli backup / restore: the flags, before anything reaches the cluster', () => {
  it.each([
    [['backup'], ['--release: is required.', '--namespace: is required.', '--out: is required.']],
    [['backup', '--release', 'lr', '--namespace', 'ns'], ['--out: is required.']],
    [
      ['restore', '--release', 'lr'],
      ['--namespace: is required.', '--from: is required.'],
    ],
    [['backup', '--out'], ['--out: needs a value.']],
    [['restore', '--yes'], ['--yes: unknown option.']],
    [
      ['backup', '--release', 'lr', '--namespace', 'Not_A_Namespace', '--out', 'f'],
      ['namespace: '],
    ],
  ])('%j → exit 2', async (argv, lines) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    for (const l of lines) expect(r.err).toContain(l);
    expect(r.err.endsWith(`${BACKUP_USAGE}\n`)).toBe(true);
  });

  it('refuses a restore without --yes-restore, saying what it would drop', async () => {
    const r = await run(['restore', '--release', 'lr', '--namespace', 'ns', '--from', 'f.sql.gz']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "--yes-restore: is required: the restore drops release lr's database in ns and replaces it with the file's.",
    );
  });
});

describe('backupText', () => {
  it('tells the file, its size, tables and checksum, and no value of the database', () => {
    const text = backupText(
      {
        kind: 'lightrun-mysql-backup',
        version: 1,
        release: 'lr',
        namespace: 'ns',
        pod: 'lr-mysql-0',
        container: 'mysql',
        database: 'lightrunserver',
        takenAt: '2026-12-07T21:00:00.000Z',
        file: 'db.sql.gz',
        bytes: 10,
        sqlBytes: 20,
        tables: 3,
        sha256: 'f'.repeat(64),
      },
      '/b/db.sql.gz',
    );
    expect(text).toBe(
      [
        'Backed up database lightrunserver of release lr in ns (pod lr-mysql-0):',
        '  /b/db.sql.gz: 10 bytes gzip (20 bytes of SQL), 3 tables',
        `  sha256 ${'f'.repeat(64)}`,
        '  manifest /b/db.sql.gz.manifest.json',
        'The file holds the whole database: keep it as safe as the database itself.',
      ].join('\n'),
    );
  });
});
