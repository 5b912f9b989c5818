import 'server-only';
import type { Connection } from 'mysql2/promise';
import {
  decideDatabase,
  type DbConnectError,
  type DbFacts,
  type DbTarget,
} from './database-decide';
import type { Verdict } from './result';

export const DB_CONNECT_TIMEOUT_MS = 5_000;

type Row = Record<string, unknown>;

/**
 * Connects the way the server's JDBC URL will (TLS exactly when `requireTls`, the certificate not
 * verified, port 3306) and reads what the decision needs. Never creates anything.
 */
export async function gatherDatabase(
  t: DbTarget & { password: string },
  signal?: AbortSignal,
  port = 3306,
): Promise<{ error: DbConnectError } | { facts: DbFacts }> {
  // Loaded when a check runs, not when the CLI starts (bench "install": its start is the CLI's overhead).
  const { default: mysql } = await import('mysql2/promise');
  let conn: Connection | undefined;
  const connect = (tls: boolean) =>
    mysql.createConnection({
      host: t.host,
      port,
      user: t.user,
      password: t.password,
      connectTimeout: DB_CONNECT_TIMEOUT_MS,
      ...(tls ? { ssl: { rejectUnauthorized: false } } : {}),
    });
  try {
    try {
      conn = await connect(t.requireTls);
    } catch (e) {
      if (
        !t.requireTls &&
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
    const q = async (sql: string, args: unknown[] = []) =>
      (await conn!.query(sql, args))[0] as Row[];
    const [vars] = await q(
      'SELECT @@version AS version, @@lower_case_table_names AS lctn, @@default_storage_engine AS engine',
    );
    const [cipher] = await q("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    const [innodb] = await q(
      "SELECT SUPPORT AS support FROM information_schema.ENGINES WHERE ENGINE = 'InnoDB'",
    );
    const dbs = await q(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [t.database],
    );
    const grants = (await q('SHOW GRANTS FOR CURRENT_USER()')).map((r) =>
      String(Object.values(r)[0]),
    );
    const handshake = (
      conn as unknown as { connection?: { _handshakePacket?: { authPluginName?: string } } }
    ).connection?._handshakePacket;
    return {
      facts: {
        tls: Boolean(cipher?.Value),
        authPlugin: handshake?.authPluginName ?? '',
        version: String(vars?.version ?? ''),
        lowerCaseTableNames: Number(vars?.lctn),
        innodb: String(innodb?.support ?? ''),
        defaultEngine: String(vars?.engine ?? ''),
        databaseExists: dbs.length > 0,
        grants,
      },
    };
  } catch (e) {
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
