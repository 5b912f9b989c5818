import { describe, expect, it } from 'vitest';
import { checkDatabase } from '@/lib/preflight/database';
import { runOne } from '@/lib/preflight/runner';
import { TIMEOUTS } from '@/lib/preflight';
import { servicesInfo } from './services';

const s = servicesInfo();
const target = (edit: Partial<Parameters<typeof checkDatabase>[0]> = {}) => ({
  host: s.mariadb.good.host,
  user: s.db.user,
  password: s.db.password,
  database: s.db.name,
  requireTls: false,
  ...edit,
});

describe('external database check against real MariaDB', () => {
  it('passes with lower_case_table_names=1 and the database present', async () => {
    const v = await checkDatabase(target());
    expect(v.status).toBe('pass');
    expect(v.message).toMatch(
      /^Connected to 127\.0\.0\.2:3306 as lightrun: 10\.\d+\.\d+-MariaDB\S*, lower_case_table_names=1, InnoDB, database lightrunserver exists\.$/,
    );
  });

  it('fails for lower_case_table_names=0', async () => {
    expect(await checkDatabase(target({ host: s.mariadb.caseSensitive.host }))).toEqual({
      status: 'fail',
      message: 'lower_case_table_names is 0; Lightrun needs 1 (case-insensitive names).',
      fix: 'Set lower_case_table_names=1 in the server configuration (MySQL 8: only when the data directory is initialised).',
    });
  });

  it('fails for a wrong password', async () => {
    expect(await checkDatabase(target({ password: 'wrong' }))).toMatchObject({
      status: 'fail',
      message: '127.0.0.2:3306 refused user lightrun: wrong user name or password.',
    });
  });

  it('fails for a missing database the user may not create', async () => {
    expect(
      await checkDatabase(
        target({
          user: s.db.noCreateUser,
          password: s.db.noCreatePassword,
          database: 'lightrun_missing',
        }),
      ),
    ).toMatchObject({
      status: 'fail',
      message: 'Database lightrun_missing does not exist and nocreate may not create it.',
    });
  });

  it('passes a missing database the user may create, fails one it may not', async () => {
    // lightrun has ALL on lightrunserver.* and lightrun_new.* (services.mjs), nothing else.
    expect((await checkDatabase(target({ database: 'lightrun_new' }))).message).toMatch(
      /database lightrun_new may be created\.$/,
    );
    expect((await checkDatabase(target({ database: 'other_db' }))).message).toBe(
      'Database other_db does not exist and lightrun may not create it.',
    );
  });

  it('fails when nothing listens, within the check timeout', async () => {
    const r = await runOne({
      id: 'database',
      title: 'DB',
      timeoutMs: TIMEOUTS.database,
      run: (signal) => checkDatabase(target({ host: s.nothingHost }), signal),
    });
    expect(r).toMatchObject({
      status: 'fail',
      message: 'Nothing listens on 127.0.0.9:3306 (connection refused).',
    });
  });

  it('fails when the server requires TLS and the answers do not offer it', async () => {
    expect(await checkDatabase(target({ host: s.mariadb.tlsRequired.host }))).toMatchObject({
      status: 'fail',
      message:
        '127.0.0.4:3306 requires TLS (require_secure_transport=ON), but the answers connect without it.',
    });
  });

  it('passes over TLS when the answers require it (certificate not verified, like the JDBC URL)', async () => {
    const v = await checkDatabase(target({ host: s.mariadb.tlsRequired.host, requireTls: true }));
    expect(v.status).toBe('pass');
    expect(v.message).toMatch(/^Connected to 127\.0\.0\.4:3306 as lightrun over TLS: /);
  });

  it('fails when the answers require TLS and the server offers none', async () => {
    expect(await checkDatabase(target({ requireTls: true }))).toMatchObject({
      status: 'fail',
      message: 'Secure transport is required in the answers, but 127.0.0.2:3306 offers no TLS.',
    });
  });
});
