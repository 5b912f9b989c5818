import { describe, expect, it } from 'vitest';
import {
  decideConnectError,
  connectionNeed,
  connectionSum,
  dbProfile,
  decideDatabase,
  grantsAllowCreate,
  parseVersionTriple,
  parseDbVersion,
  type DbFacts,
  type DbTarget,
} from './database-decide';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import type { Answers } from '../answers';

const t: DbTarget = {
  host: 'db.example.com',
  user: 'lightrun',
  database: 'lightrunserver',
  requireTls: false,
};
const good: DbFacts = {
  tls: false,
  authPlugin: 'mysql_native_password',
  version: '8.0.38',
  lowerCaseTableNames: 1,
  innodb: 'DEFAULT',
  defaultEngine: 'InnoDB',
  databaseExists: true,
  grants: [],
  characterSet: 'utf8mb4',
  invisiblePrimaryKey: 'OFF',
  maxConnections: 151,
};

describe('decideConnectError', () => {
  it.each([
    [
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      'Nothing listens on db.example.com:3306 (connection refused).',
    ],
    [
      { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' },
      'db.example.com:3306 did not answer (connect timeout).',
    ],
    [
      { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' },
      'The database host db.example.com does not resolve (DNS).',
    ],
    [
      {
        code: 'ER_ACCESS_DENIED_ERROR',
        errno: 1045,
        message: "Access denied for user 'lightrun'@'x' (using password: YES)",
      },
      'db.example.com:3306 refused user lightrun: wrong user name or password.',
    ],
    [
      { code: 'HANDSHAKE_NO_SSL_SUPPORT', message: 'Server does not support secure connection' },
      'Secure transport is required in the answers, but db.example.com:3306 offers no TLS.',
    ],
    [
      {
        code: 'ER_SECURE_TRANSPORT_REQUIRED',
        errno: 3159,
        message:
          'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
      },
      'db.example.com:3306 requires TLS (require_secure_transport=ON), but the answers connect without it.',
    ],
    [
      { code: 'TLS_REQUIRED_BY_SERVER', message: 'the login succeeds over TLS only' },
      'db.example.com:3306 requires TLS (require_secure_transport=ON), but the answers connect without it.',
    ],
    [
      {
        code: '',
        errno: 1045,
        message:
          'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
      },
      'db.example.com:3306 requires TLS (require_secure_transport=ON), but the answers connect without it.',
    ],
    [
      { code: 'ER_HOST_NOT_PRIVILEGED', message: "Host 'x' is not allowed to connect" },
      "db.example.com:3306 does not accept connections from this host: Host 'x' is not allowed to connect",
    ],
    [{ code: 'PROTOCOL_X', message: 'odd' }, 'Could not connect to db.example.com:3306: odd'],
  ])('%j', (e, message) => {
    expect(decideConnectError(t, e)).toMatchObject({ status: 'fail', message });
  });
  it('a refused request for the password is a warning naming the answer to set, not a failure', () => {
    expect(
      decideConnectError(t, {
        code: 'PASSWORD_NEEDS_TLS',
        message: 'the server asked for the password itself (caching_sha2_password)',
      }),
    ).toEqual({
      status: 'warn',
      message:
        "Could not log in to db.example.com:3306 as lightrun: the server asked for the password itself (caching_sha2_password), which this check sends only over TLS — without it, any server could ask for it. The Lightrun server cannot log in this way either (its driver does not fetch the server's key).",
      fix: `Turn "require secure transport" on on the Database step (database.requireSecureTransport), or ALTER USER 'lightrun' IDENTIFIED WITH mysql_native_password.`,
    });
  });
});

describe('decideDatabase', () => {
  it('passes a good server and names what it found', () => {
    expect(decideDatabase(t, { facts: good })).toEqual({
      status: 'pass',
      fix: '',
      message:
        'Connected to db.example.com:3306 as lightrun: 8.0.38, lower_case_table_names=1, InnoDB, database lightrunserver exists.',
    });
    expect(
      decideDatabase(
        { ...t, requireTls: true },
        {
          facts: {
            ...good,
            tls: true,
            databaseExists: false,
            grants: ['GRANT ALL PRIVILEGES ON *.* TO `lightrun`@`%`'],
          },
        },
      ).message,
    ).toBe(
      'Connected to db.example.com:3306 as lightrun over TLS: 8.0.38, lower_case_table_names=1, InnoDB, database lightrunserver may be created.',
    );
  });

  it.each<[Partial<DbFacts>, string, string]>([
    [
      { lowerCaseTableNames: 0 },
      'fail',
      'lower_case_table_names is 0; Lightrun needs 1 (case-insensitive names).',
    ],
    [
      { lowerCaseTableNames: 2 },
      'fail',
      'lower_case_table_names is 2; Lightrun needs 1 (case-insensitive names).',
    ],
    [{ innodb: 'NO' }, 'fail', 'The InnoDB engine is not available (NO).'],
    [
      { innodb: 'YES', defaultEngine: 'MyISAM' },
      'warn',
      'The default storage engine is MyISAM, not InnoDB.',
    ],
    [{ version: '5.7.44' }, 'warn', 'MySQL 5.7.44 is end of life.'],
    [{ version: '5.6.51' }, 'fail', 'MySQL 5.6.51 is too old.'],
    [{ version: '10.5.9-MariaDB' }, 'warn', 'MariaDB 10.5.9-MariaDB is older than 10.6.'],
    [
      { version: '10.6.0-MariaDB' },
      'pass',
      'Connected to db.example.com:3306 as lightrun: 10.6.0-MariaDB, lower_case_table_names=1, InnoDB, database lightrunserver exists.',
    ],
    [
      { databaseExists: false },
      'fail',
      'Database lightrunserver does not exist and lightrun may not create it.',
    ],
    [
      { authPlugin: 'caching_sha2_password' },
      'warn',
      "lightrun authenticates with caching_sha2_password over plain TCP: the server's Java driver fails without public-key retrieval.",
    ],
  ])('%j -> %s', (edit, status, message) => {
    expect(decideDatabase(t, { facts: { ...good, ...edit } })).toMatchObject({ status, message });
  });

  it('caching_sha2_password over TLS is fine', () => {
    expect(
      decideDatabase(
        { ...t, requireTls: true },
        { facts: { ...good, tls: true, authPlugin: 'caching_sha2_password' } },
      ).status,
    ).toBe('pass');
  });

  it('lists every problem, fail first decides the status and the fix', () => {
    expect(
      decideDatabase(t, {
        facts: {
          ...good,
          lowerCaseTableNames: 0,
          databaseExists: false,
          authPlugin: 'caching_sha2_password',
        },
      }),
    ).toEqual({
      status: 'fail',
      message:
        "lower_case_table_names is 0; Lightrun needs 1 (case-insensitive names). Database lightrunserver does not exist and lightrun may not create it. lightrun authenticates with caching_sha2_password over plain TCP: the server's Java driver fails without public-key retrieval.",
      fix: 'Set lower_case_table_names=1 in the server configuration (MySQL 8: only when the data directory is initialised).',
    });
  });
});

describe('grantsAllowCreate', () => {
  it.each([
    [['GRANT USAGE ON *.* TO `u`@`%`'], false],
    [['GRANT ALL PRIVILEGES ON *.* TO `u`@`%`'], true],
    [['GRANT SELECT, CREATE, DROP ON *.* TO `u`@`%`'], true],
    [['GRANT SELECT, CREATE VIEW ON *.* TO `u`@`%`'], false],
    [['GRANT ALL PRIVILEGES ON `lightrunserver`.* TO `u`@`%`'], true],
    [['GRANT ALL PRIVILEGES ON `other`.* TO `u`@`%`'], false],
    [['GRANT ALL PRIVILEGES ON `lightrun%`.* TO `u`@`%`'], true],
    [['GRANT ALL PRIVILEGES ON `lightrun\\_server`.* TO `u`@`%`'], false],
    [['GRANT CREATE ON `lightrunserver`.* TO `u`@`%`'], true],
  ])('%j -> %s', (grants, yes) => {
    expect(grantsAllowCreate(grants, 'lightrunserver')).toBe(yes);
  });
});

it('parses versions', () => {
  expect(parseDbVersion('10.11.6-MariaDB-0+deb12u1')).toEqual({
    flavour: 'mariadb',
    major: 10,
    minor: 11,
  });
  expect(parseDbVersion('8.4.2')).toEqual({ flavour: 'mysql', major: 8, minor: 4 });
  expect(parseDbVersion('x')).toBeNull();
});

describe('chart 3.50: an external MySQL 8.4.3+ (docs/chart-3.50.md §8.4)', () => {
  // One backend replica, one Keycloak replica: 70 + 10 + 10 = 90 connections.
  const need = { backend: 1, backendFrom: 'replicas', keycloak: 1, total: 90 } as const;
  const t350: DbTarget = { ...t, profile: { chart: '3.50.0', connections: need } };
  const mysql = { ...good, version: '8.4.3', maxConnections: 90 };
  const decide = (edit: Partial<DbFacts>) => decideDatabase(t350, { facts: { ...mysql, ...edit } });

  it('passes MySQL 8.4.3 with every setting right, naming each', () => {
    expect(decide({})).toEqual({
      status: 'pass',
      fix: '',
      message:
        'Connected to db.example.com:3306 as lightrun: 8.4.3, lower_case_table_names=1, InnoDB, utf8mb4, sql_generate_invisible_primary_key=0, max_connections=90 (needs 90), database lightrunserver exists.',
    });
  });

  it.each<[Partial<DbFacts>, 'pass' | 'fail']>([
    [{ version: '8.4.2' }, 'fail'],
    [{ version: '8.4.3' }, 'pass'],
    [{ version: '8.4.10-log' }, 'pass'],
    [{ version: '8.3.99' }, 'fail'],
    [{ version: '8.0.40' }, 'fail'],
    [{ version: '9.1.0' }, 'pass'],
    [{ version: '7.9.9' }, 'fail'],
    [{ version: '11.4.3-MariaDB' }, 'fail'],
    [{ version: '8.4.3-MariaDB' }, 'fail'],
    [{ version: 'mystery' }, 'fail'],
    [{ characterSet: 'utf8mb4' }, 'pass'],
    [{ characterSet: 'UTF8MB4' }, 'pass'],
    [{ characterSet: 'utf8mb3' }, 'fail'],
    [{ characterSet: 'latin1' }, 'fail'],
    [{ invisiblePrimaryKey: 'OFF' }, 'pass'],
    [{ invisiblePrimaryKey: '0' }, 'pass'],
    [{ invisiblePrimaryKey: null }, 'pass'],
    [{ invisiblePrimaryKey: 'ON' }, 'fail'],
    [{ invisiblePrimaryKey: '1' }, 'fail'],
    [{ maxConnections: 90 }, 'pass'],
    [{ maxConnections: 89 }, 'fail'],
    [{ maxConnections: 1000 }, 'pass'],
    [{ maxConnections: NaN }, 'fail'],
    [{ lowerCaseTableNames: 0 }, 'fail'],
    [{ lowerCaseTableNames: 1 }, 'pass'],
  ])('%j -> %s', (edit, status) => {
    expect(decide(edit).status).toBe(status);
  });

  it('a MariaDB is named as such, with its version, and the fix points at MySQL', () => {
    expect(decide({ version: '10.11.6-MariaDB-0+deb12u1' })).toEqual({
      status: 'fail',
      message:
        'The server is MariaDB (10.11.6-MariaDB-0+deb12u1), not MySQL: chart 3.50 needs MySQL 8.4.3 or later.',
      fix: 'Point database.endpoint at a MySQL 8.4.3 or later (MariaDB, Aurora and other compatible engines are not supported by chart 3.50), or plan chart 3.9.4 (the chart answer).',
    });
  });

  it('MySQL 8.4.2 is too old', () => {
    expect(decide({ version: '8.4.2' }).message).toBe(
      'MySQL 8.4.2 is older than 8.4.3, the oldest MySQL chart 3.50 supports.',
    );
  });

  it('each setting names its variable, what it is and what to set', () => {
    expect(decide({ characterSet: 'latin1' })).toMatchObject({
      message: 'character_set_server is latin1; chart 3.50 needs utf8mb4.',
      fix: expect.stringMatching(/^Set character_set_server=utf8mb4 in the server configuration/),
    });
    expect(decide({ invisiblePrimaryKey: 'ON' })).toEqual({
      status: 'fail',
      message: 'sql_generate_invisible_primary_key is ON; chart 3.50 needs it 0 (OFF).',
      fix: 'Set sql_generate_invisible_primary_key=0 in the server configuration (SET PERSIST sql_generate_invisible_primary_key=0).',
    });
    expect(decide({ maxConnections: 89 })).toEqual({
      status: 'fail',
      message:
        'max_connections is 89; chart 3.50 needs at least 90 = 70 × 1 backend replica + 10 × 1 Keycloak replica + 10.',
      fix: 'Set max_connections=90 or more on the database server (SET PERSIST max_connections=90), or plan fewer replicas (sizing.backend.replicas, sizing.keycloak.replicas).',
    });
  });

  it('a server without sql_generate_invisible_primary_key says so when it passes', () => {
    expect(decide({ invisiblePrimaryKey: null }).message).toContain(
      'no sql_generate_invisible_primary_key (nothing adds invisible keys)',
    );
  });

  it('the server kind comes first among several problems, and decides the fix', () => {
    const v = decide({ version: '10.11.6-MariaDB', lowerCaseTableNames: 0, maxConnections: 10 });
    expect(v.message).toBe(
      'The server is MariaDB (10.11.6-MariaDB), not MySQL: chart 3.50 needs MySQL 8.4.3 or later. lower_case_table_names is 0; Lightrun needs 1 (case-insensitive names). max_connections is 10; chart 3.50 needs at least 90 = 70 × 1 backend replica + 10 × 1 Keycloak replica + 10.',
    );
    expect(v.fix).toMatch(/^Point database\.endpoint at a MySQL 8\.4\.3 or later/);
  });

  it('a 3.9.4 plan is judged as before: MariaDB 10.6+ and MySQL 8.0 pass, settings of 3.50 unread', () => {
    const bad350 = { characterSet: 'latin1', invisiblePrimaryKey: 'ON', maxConnections: 1 };
    expect(decideDatabase(t, { facts: { ...good, ...bad350 } }).status).toBe('pass');
    expect(
      decideDatabase({ ...t, profile: { chart: '3.9.4' } }, { facts: { ...good, ...bad350 } })
        .status,
    ).toBe('pass');
  });
});

describe('connectionNeed: 70 × backend + 10 × Keycloak + 10', () => {
  const sizing = (edit: (s: Answers['sizing']) => void) => {
    const a = validAnswers();
    edit(a.sizing);
    return a.sizing;
  };

  it('counts the backend replicas, or the autoscaler maximum when it is on', () => {
    expect(
      connectionNeed(
        sizing((s) => {
          s.backend.replicas = 2;
          s.backend.hpa = { enabled: false };
          s.keycloak.replicas = 3;
        }),
      ),
    ).toEqual({ backend: 2, backendFrom: 'replicas', keycloak: 3, total: 180 });
    const scaled = connectionNeed(
      sizing((s) => {
        s.backend.replicas = 2;
        s.backend.hpa = { enabled: true, maxReplicas: 5, cpuPercent: 70 };
        s.keycloak.replicas = 1;
      }),
    );
    expect(scaled).toEqual({ backend: 5, backendFrom: 'autoscaler', keycloak: 1, total: 370 });
    expect(connectionSum(scaled)).toBe(
      "370 = 70 × 5 backend replicas (the autoscaler's maximum) + 10 × 1 Keycloak replica + 10",
    );
  });

  it('the autoscaler case names its field in the fix', () => {
    const connections = connectionNeed(
      sizing((s) => (s.backend.hpa = { enabled: true, maxReplicas: 5, cpuPercent: 70 })),
    );
    const v = decideDatabase(
      { ...t, profile: { chart: '3.50.0', connections } },
      { facts: { ...good, version: '8.4.3', maxConnections: connections.total - 1 } },
    );
    expect(v.fix).toContain('sizing.backend.hpa.maxReplicas');
  });

  it('dbProfile: chart 3.50.0 brings the need, 3.9.4 nothing', () => {
    const a = validAnswers();
    expect(dbProfile(a)).toEqual({ chart: '3.9.4' });
    a.chart = '3.50.0';
    expect(dbProfile(a)).toEqual({ chart: '3.50.0', connections: connectionNeed(a.sizing) });
  });

  it('parseVersionTriple', () => {
    expect(parseVersionTriple('8.4.3-log')).toEqual([8, 4, 3]);
    expect(parseVersionTriple('8.4')).toBeNull();
  });
});
