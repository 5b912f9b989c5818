// Real MariaDB and RabbitMQ servers for the preflight tests: installed from Debian when missing,
// started on loopback addresses of their own (data, logs and sockets in one temp dir), stopped by
// pid afterwards — nothing is left running and nothing outside the temp dir is touched.
//   node scripts/lib/services.mjs start   prints the services JSON (the file tests read) and keeps running until SIGINT/SIGTERM
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The four databases: the chart fixes port 3306, so each server gets a loopback address (the
 * fourth shares 127.0.0.5 with RabbitMQ, on another port). `caseSensitive` also has a small
 * max_connections and the compiled-in latin1, the wrong side of chart 3.50's rules; `mysql843`
 * is a MariaDB started with `--version=8.4.3-…` and everything chart 3.50 asks of a MySQL, so the
 * passing side runs against a real server too (docs/chart-3.50.md §8.4; it has no
 * sql_generate_invisible_primary_key, which the check reads as nothing adding invisible keys).
 */
export const MARIADB = {
  good: { host: '127.0.0.2', lowerCaseTableNames: 1, tls: false },
  caseSensitive: { host: '127.0.0.3', lowerCaseTableNames: 0, tls: false, maxConnections: 50 },
  tlsRequired: { host: '127.0.0.4', lowerCaseTableNames: 1, tls: true },
  mysql843: {
    host: '127.0.0.5',
    lowerCaseTableNames: 1,
    tls: false,
    maxConnections: 90,
    version: '8.4.3-lwtest',
    characterSet: 'utf8mb4',
  },
};
/** Loopback address nothing listens on (the "nothing listening" cases). */
export const NOTHING_HOST = '127.0.0.9';
export const DB = {
  name: 'lightrunserver',
  user: 'lightrun',
  password: 'preflight-db-pw',
  noCreateUser: 'nocreate',
  noCreatePassword: 'preflight-nc-pw',
  // root over TCP on the good server only: the database backup's round trip runs mysqldump and
  // mysql as the chart's MySQL pod does (test/upgrade/backup.services.test.ts).
  rootPassword: 'services-root-pw',
};
export const MQ = {
  host: '127.0.0.5',
  port: 5672,
  user: 'lightrun',
  password: 'preflight-mq-pw',
  otherVhost: 'other',
  otherUser: 'elsewhere',
  otherPassword: 'preflight-el-pw',
};

const ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function aptInstall(pkgs) {
  console.error(`[services] installing ${pkgs.join(', ')} (apt-get)`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: ENV,
      timeout: 15 * 60_000,
      killSignal: 'SIGKILL',
    });
    if (r.status !== 0)
      throw new Error(`apt-get ${args[0]} failed (${r.error?.code ?? r.status ?? r.signal})`);
  }
}

/** Debian's mariadb-server and rabbitmq-server (and openssl for the TLS case), when missing. */
export function ensureServicePackages() {
  const missing = [];
  if (!existsSync('/usr/sbin/mariadbd')) missing.push('mariadb-server');
  if (!existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server')) missing.push('rabbitmq-server');
  if (!existsSync('/usr/bin/openssl')) missing.push('openssl');
  if (missing.length) aptInstall(missing);
  // Debian's postinst starts the system services: this project never relies on them, and they
  // would hold 127.0.0.1:3306 / 5672. Stopping is the admin's call; we only use other addresses.
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portOpen(host, port) {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitPort(host, port, child, what, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with ${child.exitCode} before listening on ${host}:${port}`);
    if (await portOpen(host, port)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not listen on ${host}:${port} within ${timeoutMs / 1000} s`);
}

/**
 * Every command has a time limit (2 min unless said): a hung one fails the set-up by name instead
 * of holding the whole test run open.
 */
function run(cmd, args, { timeoutMs = 120_000, step = '', ...opts } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    ...opts,
  });
  // Named by the command and the caller's step, never by its arguments (they hold passwords).
  const what = `${path.basename(cmd)}${step ? ` ${step}` : ''}`;
  if (r.error?.code === 'ETIMEDOUT')
    throw new Error(`${what} did not finish within ${timeoutMs / 1000} s`);
  if (r.status !== 0)
    throw new Error(
      `${what} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`,
    );
  progress(`${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return r.stdout;
}

/** One line per step on stdout, with the time: a slow or stuck set-up says where it is. */
function progress(line) {
  console.log(`[services] ${new Date().toISOString().slice(11, 19)} ${line}`);
}

function selfSignedCert(dir) {
  const key = path.join(dir, 'key.pem');
  const crt = path.join(dir, 'cert.pem');
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '2',
      '-subj',
      '/CN=preflight-test-db',
    ],
    { step: 'req (self-signed certificate)' },
  );
  return { key, crt };
}

async function startMariadb(root, name, spec, children) {
  const dir = path.join(root, `mariadb-${name}`);
  const data = path.join(dir, 'data');
  mkdirSync(data, { recursive: true });
  run(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--user=root',
      '--skip-test-db',
      '--auth-root-authentication-method=socket',
      `--lower-case-table-names=${spec.lowerCaseTableNames}`,
    ],
    { step: name },
  );
  const socket = path.join(dir, 'mysqld.sock');
  const args = [
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${socket}`,
    `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    `--log-error=${path.join(dir, 'error.log')}`,
    `--bind-address=${spec.host}`,
    '--port=3306',
    '--user=root',
    '--skip-name-resolve',
    '--skip-log-bin',
    `--lower-case-table-names=${spec.lowerCaseTableNames}`,
    '--innodb-buffer-pool-size=16M',
    '--performance-schema=OFF',
    ...(spec.maxConnections ? [`--max-connections=${spec.maxConnections}`] : []),
    ...(spec.version ? [`--version=${spec.version}`] : []),
    ...(spec.characterSet ? [`--character-set-server=${spec.characterSet}`] : []),
  ];
  if (spec.tls) {
    const { key, crt } = selfSignedCert(dir);
    args.push(`--ssl-cert=${crt}`, `--ssl-key=${key}`, '--require-secure-transport=ON');
  } else args.push('--skip-ssl');
  const child = spawn('/usr/sbin/mariadbd', args, { stdio: 'ignore' });
  children.push({ name: `mariadb ${name}`, child });
  await waitPort(spec.host, 3306, child, `mariadb ${name}`, 30_000);
  progress(`mariadb ${name} listening on ${spec.host}:3306`);
  const sql = [
    `CREATE DATABASE ${DB.name}`,
    `CREATE USER '${DB.user}'@'%' IDENTIFIED BY '${DB.password}'`,
    `GRANT ALL PRIVILEGES ON ${DB.name}.* TO '${DB.user}'@'%'`,
    `GRANT ALL PRIVILEGES ON lightrun_new.* TO '${DB.user}'@'%'`,
    `CREATE USER '${DB.noCreateUser}'@'%' IDENTIFIED BY '${DB.noCreatePassword}'`,
    `GRANT SELECT ON mysql.db TO '${DB.noCreateUser}'@'%'`,
    ...(name === 'good'
      ? [
          `CREATE USER 'root'@'%' IDENTIFIED BY '${DB.rootPassword}'`,
          `GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION`,
        ]
      : []),
  ].join('; ');
  run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', sql], {
    step: `${name}: database and users`,
  });
  return { ...spec };
}

async function startRabbitmq(root, children) {
  const dir = path.join(root, 'rabbitmq');
  mkdirSync(dir, { recursive: true });
  const epmdPort = 24369;
  const env = {
    ...process.env,
    HOME: dir, // the Erlang cookie lands here, not in root's home
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_NODENAME: 'lwpreflight@localhost',
    RABBITMQ_NODE_IP_ADDRESS: MQ.host,
    RABBITMQ_NODE_PORT: String(MQ.port),
    RABBITMQ_DIST_PORT: '25672',
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
  };
  writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  writeFileSync(path.join(dir, 'rabbitmq.conf'), 'loopback_users = none\n');
  // Our own epmd in the foreground, so it stops with us (a daemonised one would outlive the tests).
  const epmd = spawn('epmd', ['-port', String(epmdPort), '-address', '127.0.0.1'], {
    stdio: 'ignore',
    env,
  });
  children.push({ name: 'epmd', child: epmd });
  await waitPort('127.0.0.1', epmdPort, epmd, 'epmd', 10_000);
  // Same process group as the tests: a Ctrl-C reaches the script, whose INT/TERM trap stops the broker.
  const child = spawn('/usr/lib/rabbitmq/bin/rabbitmq-server', [], { stdio: 'ignore', env });
  children.push({ name: 'rabbitmq', child, pidFile: env.RABBITMQ_PID_FILE });
  await waitPort(MQ.host, MQ.port, child, 'rabbitmq', 90_000);
  progress(`rabbitmq listening on ${MQ.host}:${MQ.port}`);
  // rabbitmqctl's own timeout too (seconds), so it gives up before the process limit kills it.
  const ctl = (...args) =>
    run(
      '/usr/lib/rabbitmq/bin/rabbitmqctl',
      ['-n', env.RABBITMQ_NODENAME, '--timeout', '60', ...args],
      { env, timeoutMs: 90_000, step: args[0] },
    );
  ctl('await_startup');
  ctl('add_user', MQ.user, MQ.password);
  ctl('set_permissions', '-p', '/', MQ.user, '.*', '.*', '.*');
  ctl('add_vhost', MQ.otherVhost);
  ctl('add_user', MQ.otherUser, MQ.otherPassword);
  ctl('set_permissions', '-p', MQ.otherVhost, MQ.otherUser, '.*', '.*', '.*');
  return { host: MQ.host, port: MQ.port };
}

/** SIGTERM, then SIGKILL after 15 s (for rabbitmq also the Erlang VM by the pid it recorded). */
function stopChild({ child, pidFile }) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => {
      try {
        if (pidFile && existsSync(pidFile))
          process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
      } catch {
        /* gone */
      }
      child.kill('SIGKILL');
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts every test service; resolves to `{file, info, stop}`. `info` (also written to `file`)
 * tells the tests where each server is. `stop()` ends exactly the processes started here and
 * removes the temp dir; call it in a `finally`.
 */
export async function startServices() {
  ensureServicePackages();
  const root = mkdtempSync(path.join(tmpdir(), 'lw-services-'));
  const children = [];
  const stop = async () => {
    // Reverse start order: rabbitmq before its epmd.
    for (const c of [...children].reverse()) await stopChild(c);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const [good, caseSensitive, tlsRequired, mysql843, mq] = await Promise.all([
      startMariadb(root, 'good', MARIADB.good, children),
      startMariadb(root, 'case-sensitive', MARIADB.caseSensitive, children),
      startMariadb(root, 'tls', MARIADB.tlsRequired, children),
      startMariadb(root, 'mysql-8.4.3', MARIADB.mysql843, children),
      startRabbitmq(root, children),
    ]);
    const info = {
      mariadb: { good, caseSensitive, tlsRequired, mysql843 },
      db: DB,
      mq: { ...MQ, ...mq },
      nothingHost: NOTHING_HOST,
    };
    const file = path.join(root, 'services.json');
    writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
    return { file, info, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

if (
  process.argv[1] &&
  import.meta.url.endsWith(path.basename(process.argv[1])) &&
  process.argv[2] === 'start'
) {
  const s = await startServices();
  console.log(s.file);
  const end = async () => {
    await s.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
