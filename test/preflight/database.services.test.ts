import { describe, expect, it } from 'vitest';
import { checkDatabase } from '@/lib/preflight/database';
import { connectionNeed, type DbProfile } from '@/lib/preflight/database-decide';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
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

describe('chart 3.50 rules against real servers (docs/chart-3.50.md §8.4)', () => {
  // One backend and one Keycloak replica: 70 + 10 + 10 = 90 connections.
  const sizing = () => {
    const a = validAnswers();
    a.sizing.backend.replicas = 1;
    a.sizing.backend.hpa = { enabled: false };
    a.sizing.keycloak.replicas = 1;
    return a.sizing;
  };
  const profile = (connections = connectionNeed(sizing())): DbProfile => ({
    chart: '3.50.0',
    connections,
  });

  it('Debian MariaDB is named as MariaDB with its version, not taken for a MySQL', async () => {
    const v = await checkDatabase(target({ profile: profile() }));
    expect(v.status).toBe('fail');
    expect(v.message).toMatch(
      /^The server is MariaDB \(10\.\d+\.\d+-MariaDB\S*\), not MySQL: chart 3\.50 needs MySQL 8\.4\.3 or later\./,
    );
    expect(v.fix).toMatch(/^Point database\.endpoint at a MySQL 8\.4\.3 or later/);
  });

  it('the case-sensitive server fails every rule it breaks: MariaDB, lower_case_table_names 0, latin1, max_connections 50', async () => {
    expect(s.mariadb.caseSensitive.maxConnections).toBe(50);
    const v = await checkDatabase(
      target({ host: s.mariadb.caseSensitive.host, profile: profile() }),
    );
    expect(v.status).toBe('fail');
    expect(v.message).toContain(
      'lower_case_table_names is 0; Lightrun needs 1 (case-insensitive names).',
    );
    expect(v.message).toContain('character_set_server is latin1; chart 3.50 needs utf8mb4.');
    expect(v.message).toContain(
      'max_connections is 50; chart 3.50 needs at least 90 = 70 × 1 backend replica + 10 × 1 Keycloak replica + 10.',
    );
  });

  it('a server reporting 8.4.3 with every setting right passes, max_connections exactly at the need', async () => {
    expect(s.mariadb.mysql843).toMatchObject({ version: '8.4.3-lwtest', maxConnections: 90 });
    expect(
      await checkDatabase(target({ host: s.mariadb.mysql843.host, profile: profile() })),
    ).toEqual({
      status: 'pass',
      fix: '',
      message:
        'Connected to 127.0.0.5:3306 as lightrun: 8.4.3-lwtest, lower_case_table_names=1, InnoDB, utf8mb4, no sql_generate_invisible_primary_key (nothing adds invisible keys), max_connections=90 (needs 90), database lightrunserver exists.',
    });
  });

  it('the same server fails one connection short of the need, and with two Keycloak replicas', async () => {
    const oneShort = { backend: 1, backendFrom: 'replicas', keycloak: 1, total: 91 } as const;
    expect(
      (await checkDatabase(target({ host: s.mariadb.mysql843.host, profile: profile(oneShort) })))
        .message,
    ).toBe(
      'max_connections is 90; chart 3.50 needs at least 91 = 70 × 1 backend replica + 10 × 1 Keycloak replica + 10.',
    );
    const two = sizing();
    two.keycloak.replicas = 2;
    const v = await checkDatabase(
      target({ host: s.mariadb.mysql843.host, profile: profile(connectionNeed(two)) }),
    );
    expect(v).toMatchObject({
      status: 'fail',
      message:
        'max_connections is 90; chart 3.50 needs at least 100 = 70 × 1 backend replica + 10 × 2 Keycloak replicas + 10.',
    });
  });

  it('the same server for a 3.9.4 plan: the 3.50 settings are not asked', async () => {
    const v = await checkDatabase(
      target({ host: s.mariadb.mysql843.host, profile: { chart: '3.9.4' } }),
    );
    expect(v.status).toBe('pass');
  });
});
