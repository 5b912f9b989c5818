/**
 * Decisions of the external database check (PURE): what the connection error or the server's
 * settings mean for the Lightrun server, whose JDBC URL uses `useSSL=<db_require_secure_transport>`
 * with `trustServerCertificate=true` and no `allowPublicKeyRetrieval`.
 */
import type { Answers } from '../answers';
import { fail, pass, warn, type Verdict } from './result';

/** How many connections chart 3.50's pods may open, from the answers (docs/chart-3.50.md §8.4). */
export type ConnectionNeed = {
  /** Backend replicas: the autoscaler's maximum when it is on. */
  backend: number;
  backendFrom: 'replicas' | 'autoscaler';
  keycloak: number;
  /** 70 × backend + 10 × Keycloak + 10. */
  total: number;
};
/** What the planned chart asks of the server beyond 3.9.4's rules; absent: chart 3.9.4. */
export type DbProfile = { chart: '3.9.4' } | { chart: '3.50.0'; connections: ConnectionNeed };

export type DbTarget = {
  host: string;
  user: string;
  database: string;
  requireTls: boolean;
  profile?: DbProfile;
};
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
  /** character_set_server. */
  characterSet: string;
  /** sql_generate_invisible_primary_key (ON/OFF); null where the server has no such variable. */
  invisiblePrimaryKey: string | null;
  maxConnections: number;
};

/** The vendor's rule: 70 per backend replica, 10 per Keycloak replica, 10 more (docs/chart-3.50.md §8.4). */
export function connectionNeed(sizing: Answers['sizing']): ConnectionNeed {
  const hpa = sizing.backend.hpa;
  const backend = hpa.enabled ? hpa.maxReplicas : sizing.backend.replicas;
  const keycloak = sizing.keycloak.replicas;
  return {
    backend,
    backendFrom: hpa.enabled ? 'autoscaler' : 'replicas',
    keycloak,
    total: 70 * backend + 10 * keycloak + 10,
  };
}

/** The database rules the planned chart brings (absent `chart`: 3.9.4). */
export function dbProfile(a: Pick<Answers, 'chart' | 'sizing'>): DbProfile {
  return a.chart === '3.50.0'
    ? { chart: '3.50.0', connections: connectionNeed(a.sizing) }
    : { chart: '3.9.4' };
}

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
  const chart350 = t.profile?.chart === '3.50.0';
  // Chart 3.50: the server's kind first, since its fix (another server) comes before any setting.
  const version = chart350 ? decideVersion350(f.version) : decideVersion(f.version);
  const out: Verdict[] = chart350 && version ? [version] : [];
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
  if (!chart350 && version) out.push(version);
  if (t.profile?.chart === '3.50.0') out.push(...decideSettings350(f, t.profile.connections));
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

/** 3.9.4's version rule: MySQL 8.0+ (5.7 warns), MariaDB 10.6+ warns below. */
function decideVersion(version: string): Verdict | null {
  const v = parseDbVersion(version);
  if (!v) return warn(`Unrecognised server version "${version}".`, 'Use MySQL 8.0 or later.');
  if (v.flavour === 'mysql' && v.major < 8)
    return v.major === 5 && v.minor === 7
      ? warn(`MySQL ${version} is end of life.`, 'Upgrade to MySQL 8.0 or later.')
      : fail(`MySQL ${version} is too old.`, 'Use MySQL 8.0 or later.');
  if (v.flavour === 'mariadb' && (v.major < 10 || (v.major === 10 && v.minor < 6)))
    return warn(
      `MariaDB ${version} is older than 10.6.`,
      "Use MySQL 8.0 (the chart's own database) or MariaDB 10.6+.",
    );
  return null;
}

/** The oldest MySQL chart 3.50.0 supports as an external database (docs/chart-3.50.md §8.4). */
export const MIN_MYSQL_350 = [8, 4, 3] as const;
const MYSQL_350_FIX =
  'Point database.endpoint at a MySQL 8.4.3 or later (MariaDB, Aurora and other compatible engines are not supported by chart 3.50), or plan chart 3.9.4 (the chart answer).';

/** `8.4.3`, `8.4.3-log`, `9.1.0-commercial` -> [8, 4, 3]; null without three numbers. */
export function parseVersionTriple(v: string): [number, number, number] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Chart 3.50's version rule: MySQL 8.4.3 or later, and MySQL only. */
function decideVersion350(version: string): Verdict | null {
  if (/mariadb/i.test(version))
    return fail(
      `The server is MariaDB (${version}), not MySQL: chart 3.50 needs MySQL 8.4.3 or later.`,
      MYSQL_350_FIX,
    );
  const v = parseVersionTriple(version);
  if (!v)
    return fail(
      `Unrecognised server version "${version}": chart 3.50 needs MySQL 8.4.3 or later.`,
      MYSQL_350_FIX,
    );
  const below = v[0] - MIN_MYSQL_350[0] || v[1] - MIN_MYSQL_350[1] || v[2] - MIN_MYSQL_350[2];
  if (below < 0)
    return fail(
      `MySQL ${version} is older than 8.4.3, the oldest MySQL chart 3.50 supports.`,
      MYSQL_350_FIX,
    );
  return null;
}

/**
 * Chart 3.50's settings (docs/chart-3.50.md §8.4): utf8mb4, no invisible primary keys, enough
 * connections for every pod the answers plan. A server without sql_generate_invisible_primary_key
 * (older than MySQL 8.0.30, or not MySQL) cannot add invisible keys, which is what `= 0` asks:
 * that rule passes, and the version rule says whether the server is a MySQL 3.50 supports.
 */
function decideSettings350(f: DbFacts, need: ConnectionNeed): Verdict[] {
  const out: Verdict[] = [];
  if (f.characterSet.toLowerCase() !== 'utf8mb4')
    out.push(
      fail(
        `character_set_server is ${f.characterSet || 'unknown'}; chart 3.50 needs utf8mb4.`,
        'Set character_set_server=utf8mb4 in the server configuration and restart it (an existing database keeps its own character set: ALTER DATABASE … CHARACTER SET utf8mb4).',
      ),
    );
  if (f.invisiblePrimaryKey !== null && !/^(OFF|0)$/i.test(f.invisiblePrimaryKey))
    out.push(
      fail(
        `sql_generate_invisible_primary_key is ${f.invisiblePrimaryKey}; chart 3.50 needs it 0 (OFF).`,
        'Set sql_generate_invisible_primary_key=0 in the server configuration (SET PERSIST sql_generate_invisible_primary_key=0).',
      ),
    );
  if (!(f.maxConnections >= need.total))
    out.push(
      fail(
        `max_connections is ${f.maxConnections}; chart 3.50 needs at least ${connectionSum(need)}.`,
        `Set max_connections=${need.total} or more on the database server (SET PERSIST max_connections=${need.total}), or plan fewer replicas (${need.backendFrom === 'autoscaler' ? 'sizing.backend.hpa.maxReplicas' : 'sizing.backend.replicas'}, sizing.keycloak.replicas).`,
      ),
    );
  return out;
}

/** "240 = 70 × 3 backend replicas (the autoscaler's maximum) + 10 × 1 Keycloak replica + 10". */
export function connectionSum(n: ConnectionNeed): string {
  const s = (k: number) => (k === 1 ? '' : 's');
  const from = n.backendFrom === 'autoscaler' ? " (the autoscaler's maximum)" : '';
  return `${n.total} = 70 × ${n.backend} backend replica${s(n.backend)}${from} + 10 × ${n.keycloak} Keycloak replica${s(n.keycloak)} + 10`;
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
  const more =
    t.profile?.chart === '3.50.0'
      ? `, utf8mb4, ${f.invisiblePrimaryKey === null ? 'no sql_generate_invisible_primary_key (nothing adds invisible keys)' : 'sql_generate_invisible_primary_key=0'}, max_connections=${f.maxConnections} (needs ${t.profile.connections.total})`
      : '';
  return pass(
    `Connected to ${t.host}:3306 as ${t.user}${f.tls ? ' over TLS' : ''}: ${f.version}, lower_case_table_names=1, InnoDB${more}, database ${t.database} ${f.databaseExists ? 'exists' : 'may be created'}.`,
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
