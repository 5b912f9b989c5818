/**
 * Decisions of the external database check (PURE): what the connection error or the server's
 * settings mean for the Lightrun server, whose JDBC URL uses `useSSL=<db_require_secure_transport>`
 * with `trustServerCertificate=true` and no `allowPublicKeyRetrieval`.
 */
import { fail, pass, warn, type Verdict } from './result';

export type DbTarget = { host: string; user: string; database: string; requireTls: boolean };
export type DbConnectError = { code: string; errno?: number; message: string };
export type DbFacts = {
  tls: boolean;
  /** The authentication plugin the server asked for (handshake or auth switch). */
  authPlugin: string;
  version: string;
  lowerCaseTableNames: number;
  innodb: string;
  defaultEngine: string;
  databaseExists: boolean;
  grants: string[];
};

/** A failed connection, in words; each cause its own message. */
export function decideConnectError(t: DbTarget, e: DbConnectError): Verdict {
  const at = `${t.host}:3306`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return fail(
        `Nothing listens on ${at} (connection refused).`,
        'Check the database host name and that MySQL listens on port 3306 (the chart fixes the port).',
      );
    case 'ETIMEDOUT':
    case 'TIMEOUT':
      return fail(
        `${at} did not answer (connect timeout).`,
        'Check the host name and the firewall between the wizard (and the cluster) and the database.',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(
        `The database host ${t.host} does not resolve (DNS).`,
        'Check the database host name on the Database step.',
      );
    case 'ER_ACCESS_DENIED_ERROR':
      return fail(
        `${at} refused user ${t.user}: wrong user name or password.`,
        'Check the database user and password on the Database step.',
      );
    case 'ER_HOST_NOT_PRIVILEGED':
    case 'ER_HOST_IS_BLOCKED':
      return fail(
        `${at} does not accept connections from this host: ${e.message}`,
        `Allow the user from the cluster's and the wizard's addresses (e.g. CREATE USER '${t.user}'@'%').`,
      );
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return fail(
        `Secure transport is required in the answers, but ${at} offers no TLS.`,
        'Enable TLS on the database server, or turn "require secure transport" off on the Database step.',
      );
    case 'PASSWORD_NEEDS_TLS':
      // Not a failure: nothing was learned about the login. The check keeps the password from a
      // server it cannot verify (docs/preflight.md#passwords-only-over-tls).
      return warn(
        `Could not log in to ${at} as ${t.user}: ${e.message}, which this check sends only over TLS — without it, any server could ask for it. The Lightrun server cannot log in this way either (its driver does not fetch the server's key).`,
        `Turn "require secure transport" on on the Database step (database.requireSecureTransport), or ALTER USER '${t.user}' IDENTIFIED WITH mysql_native_password.`,
      );
    case 'TLS_REQUIRED_BY_SERVER':
      return fail(
        `${at} requires TLS (require_secure_transport=ON), but the answers connect without it.`,
        'Turn "require secure transport" on on the Database step.',
      );
  }
  if (
    e.errno === 3159 ||
    /insecure transport are prohibited|require_secure_transport/i.test(e.message)
  ) {
    return fail(
      `${at} requires TLS (require_secure_transport=ON), but the answers connect without it.`,
      'Turn "require secure transport" on on the Database step.',
    );
  }
  return fail(
    `Could not connect to ${at}: ${e.message}`,
    'Check the database host, user and password on the Database step.',
  );
}

/** `10.11.6-MariaDB-0+deb12u1` / `8.0.38` -> {flavour, major, minor}. */
export function parseDbVersion(
  v: string,
): { flavour: 'mysql' | 'mariadb'; major: number; minor: number } | null {
  const m = /^(\d+)\.(\d+)/.exec(v);
  if (!m) return null;
  return {
    flavour: /mariadb/i.test(v) ? 'mariadb' : 'mysql',
    major: Number(m[1]),
    minor: Number(m[2]),
  };
}

const unquote = (s: string) => s.replace(/^`|`$/g, '').replace(/\\(.)/g, '$1');

/** Whether a grant line (SHOW GRANTS) lets the user create `database`. */
export function grantsAllowCreate(grants: string[], database: string): boolean {
  return grants.some((g) => {
    const m = /^GRANT (.+) ON (\*|`(?:[^`]|``)+`)\.\* TO /i.exec(g);
    if (!m) return false;
    const privs = m[1]!.toUpperCase();
    if (!/\bALL PRIVILEGES\b|(^|, )CREATE(,|$)/.test(privs)) return false;
    if (m[2] === '*') return true;
    const pattern = unquote(m[2]!);
    // A database-level grant may use LIKE wildcards (% and _).
    return likeMatches(pattern, database);
  });
}

/** Settings of a reachable server; every problem is listed, each with its own words. */
export function decideDbFacts(t: DbTarget, f: DbFacts): Verdict[] {
  const out: Verdict[] = [];
  if (f.lowerCaseTableNames !== 1)
    out.push(
      fail(
        `lower_case_table_names is ${f.lowerCaseTableNames}; Lightrun needs 1 (case-insensitive names).`,
        'Set lower_case_table_names=1 in the server configuration (MySQL 8: only when the data directory is initialised).',
      ),
    );
  if (f.innodb !== 'YES' && f.innodb !== 'DEFAULT')
    out.push(
      fail(
        `The InnoDB engine is not available (${f.innodb || 'missing'}).`,
        'Enable InnoDB on the database server.',
      ),
    );
  else if (f.defaultEngine.toUpperCase() !== 'INNODB')
    out.push(
      warn(
        `The default storage engine is ${f.defaultEngine}, not InnoDB.`,
        'Set default_storage_engine=InnoDB.',
      ),
    );
  const v = parseDbVersion(f.version);
  if (!v) out.push(warn(`Unrecognised server version "${f.version}".`, 'Use MySQL 8.0 or later.'));
  else if (v.flavour === 'mysql' && v.major < 8)
    out.push(
      v.major === 5 && v.minor === 7
        ? warn(`MySQL ${f.version} is end of life.`, 'Upgrade to MySQL 8.0 or later.')
        : fail(`MySQL ${f.version} is too old.`, 'Use MySQL 8.0 or later.'),
    );
  else if (v.flavour === 'mariadb' && (v.major < 10 || (v.major === 10 && v.minor < 6)))
    out.push(
      warn(
        `MariaDB ${f.version} is older than 10.6.`,
        "Use MySQL 8.0 (the chart's own database) or MariaDB 10.6+.",
      ),
    );
  if (!f.databaseExists && !grantsAllowCreate(f.grants, t.database))
    out.push(
      fail(
        `Database ${t.database} does not exist and ${t.user} may not create it.`,
        `Create it (CREATE DATABASE ${t.database}) or grant ${t.user} CREATE on it.`,
      ),
    );
  if (!t.requireTls && f.authPlugin === 'caching_sha2_password')
    out.push(
      warn(
        `${t.user} authenticates with caching_sha2_password over plain TCP: the server's Java driver fails without public-key retrieval.`,
        `Turn "require secure transport" on, or ALTER USER '${t.user}' IDENTIFIED WITH mysql_native_password.`,
      ),
    );
  if (t.requireTls && !f.tls)
    out.push(
      fail(
        'The connection is not encrypted although secure transport is required.',
        'Enable TLS on the database server.',
      ),
    );
  return out;
}

/** The whole check: connection error, or the settings' problems, or a pass naming what was found. */
export function decideDatabase(
  t: DbTarget,
  r: { error: DbConnectError } | { facts: DbFacts },
): Verdict {
  if ('error' in r) return decideConnectError(t, r.error);
  const problems = decideDbFacts(t, r.facts);
  const fails = problems.filter((p) => p.status === 'fail');
  const top = fails[0] ?? problems[0];
  if (top)
    return { status: top.status, message: problems.map((p) => p.message).join(' '), fix: top.fix };
  const f = r.facts;
  return pass(
    `Connected to ${t.host}:3306 as ${t.user}${f.tls ? ' over TLS' : ''}: ${f.version}, lower_case_table_names=1, InnoDB, database ${t.database} ${f.databaseExists ? 'exists' : 'may be created'}.`,
  );
}

/**
 * SQL LIKE with `%` (any run) and `_` (one character), as MySQL matches database-level grants.
 * Two pointers with one remembered `%`: linear in practice, never the exponential backtracking
 * a RegExp built from the pattern can fall into.
 */
export function likeMatches(pattern: string, s: string): boolean {
  let p = 0,
    i = 0,
    star = -1,
    mark = 0;
  while (i < s.length) {
    if (p < pattern.length && pattern[p] === '%') {
      star = p++;
      mark = i;
    } else if (p < pattern.length && (pattern[p] === '_' || pattern[p] === s[i])) {
      p++;
      i++;
    } else if (star >= 0) {
      p = star + 1;
      i = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '%') p++;
  return p === pattern.length;
}
