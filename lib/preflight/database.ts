import 'server-only';
import type { Connection } from 'mysql2/promise';
import {
  decideDatabase,
  type DbConnectError,
  type DbFacts,
  type DbTarget,
} from './database-decide';
import type { Verdict } from './result';
import { plainTcpAuthPlugins, type PasswordNeedsTls } from './database-auth';

export const DB_CONNECT_TIMEOUT_MS = 5_000;

type Row = Record<string, unknown>;

/**
 * Connects the way the server's JDBC URL will (TLS exactly when `requireTls`, the certificate not
 * verified, port 3306) and reads what the decision needs. Never creates anything. Without TLS the
 * password itself is never sent, only a scrambled proof of it (database-auth.ts): a server that
 * asks for more gets nothing and the check says it could not log in.
 */
export async function gatherDatabase(
  t: DbTarget & { password: string },
  signal?: AbortSignal,
  port = 3306,
): Promise<{ error: DbConnectError } | { facts: DbFacts }> {
  // Loaded when a check runs, not when the CLI starts (bench "install": its start is the CLI's overhead).
  const { default: mysql } = await import('mysql2/promise');
  let conn: Connection | undefined;
  // Set by a refused auth plugin; mysql2 reports it as its own AUTH_SWITCH_PLUGIN_ERROR.
  const auth: { refused?: PasswordNeedsTls } = {};
  const connect = (tls: boolean) =>
    mysql.createConnection({
      host: t.host,
      port,
      user: t.user,
      password: t.password,
      connectTimeout: DB_CONNECT_TIMEOUT_MS,
      ...(tls
        ? { ssl: { rejectUnauthorized: false } }
        : { authPlugins: plainTcpAuthPlugins(t.password, (e) => (auth.refused = e)) }),
    });
  try {
    try {
      conn = await connect(t.requireTls);
    } catch (e) {
      if (
        !t.requireTls &&
        !auth.refused &&
        (e as { code?: string }).code === 'ER_ACCESS_DENIED_ERROR' &&
        (await tlsLoginWorks(connect))
      ) {
        return {
          error: { code: 'TLS_REQUIRED_BY_SERVER', message: 'the login succeeds over TLS only' },
        };
      }
      throw e;
    }
    signal?.addEventListener('abort', () => conn?.destroy(), { once: true });
    return { facts: await readFacts(conn, t.database) };
  } catch (e) {
    if (auth.refused)
      return { error: { code: 'PASSWORD_NEEDS_TLS', message: auth.refused.message } };
    const err = e as { code?: string; errno?: number; message?: string };
    return {
      error: {
        code: err.code ?? '',
        errno: err.errno,
        message: (err.message ?? String(e)).split('\n')[0]!,
      },
    };
  } finally {
    await conn?.end().catch(() => conn?.destroy());
  }
}

/** The server's settings, the database and the user's grants, read over a connection. */
async function readFacts(conn: Connection, database: string): Promise<DbFacts> {
  const q = async (sql: string, args: unknown[] = []) => (await conn.query(sql, args))[0] as Row[];
  const [vars] = await q(
    'SELECT @@version AS version, @@lower_case_table_names AS lctn, @@default_storage_engine AS engine',
  );
  const [cipher] = await q("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  const [innodb] = await q(
    "SELECT SUPPORT AS support FROM information_schema.ENGINES WHERE ENGINE = 'InnoDB'",
  );
  const dbs = await q(
    'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [database],
  );
  const grants = (await q('SHOW GRANTS FOR CURRENT_USER()')).map((r) =>
    String(Object.values(r)[0]),
  );
  // Chart 3.50's settings (docs/chart-3.50.md §8.4); a variable the server does not have is absent.
  const settings = new Map(
    (
      await q(
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('character_set_server', 'sql_generate_invisible_primary_key', 'max_connections')",
      )
    ).map((r) => [String(r.Variable_name), String(r.Value)]),
  );
  const handshake = (
    conn as unknown as { connection?: { _handshakePacket?: { authPluginName?: string } } }
  ).connection?._handshakePacket;
  return {
    tls: Boolean(cipher?.Value),
    authPlugin: handshake?.authPluginName ?? '',
    version: String(vars?.version ?? ''),
    lowerCaseTableNames: Number(vars?.lctn),
    innodb: String(innodb?.support ?? ''),
    defaultEngine: String(vars?.engine ?? ''),
    databaseExists: dbs.length > 0,
    grants,
    characterSet: settings.get('character_set_server') ?? '',
    invisiblePrimaryKey: settings.get('sql_generate_invisible_primary_key') ?? null,
    maxConnections: Number(settings.get('max_connections') ?? NaN),
  };
}

/**
 * MariaDB answers a plain-TCP login under require_secure_transport=ON with the same "Access
 * denied" (1045) as a wrong password (MySQL says 3159). One diagnostic TLS login tells them apart.
 */
async function tlsLoginWorks(connect: (tls: boolean) => Promise<Connection>): Promise<boolean> {
  try {
    const c = await connect(true);
    await c.end().catch(() => c.destroy());
    return true;
  } catch {
    return false;
  }
}

export async function checkDatabase(
  t: DbTarget & { password: string },
  signal?: AbortSignal,
  port?: number,
): Promise<Verdict> {
  const { password: _, ...target } = t;
  return decideDatabase(target, await gatherDatabase(t, signal, port));
}
