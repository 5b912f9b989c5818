import { describe, expect, it } from 'vitest';
import {
  decideConnectError,
  decideDatabase,
  grantsAllowCreate,
  parseDbVersion,
  type DbFacts,
  type DbTarget,
} from './database-decide';

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
