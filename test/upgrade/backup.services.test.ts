// The database backup and restore through the Kubernetes API's exec, against a real MariaDB
// (docs/upgrade.md, "Backup and restore of the database"). On the local cluster a KWOK pod
// labelled like the charts' MySQL pod stands for it; a kwok ClusterExec maps exec in it to local
// commands whose environment points mysqldump and mysql at the services' MariaDB
// (docs/development.md, "Exec into KWOK pods"). `npm test -- --only services` starts both.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import * as k8s from '@kubernetes/client-node';
import mysql from 'mysql2/promise';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kubeConfigFor } from '@/lib/cluster/kubeconfig';
import { mysqlPodSelector } from '@/lib/upgrade/backup/commands';
import { execInPod } from '@/lib/install/backup/pod-exec';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  type PodExecDeps,
} from '@/lib/install/backup/service';
import { apiSecretReader, secretsFile } from '@/lib/install/backup/secrets';
import { dumpFacts } from '@/lib/browser/backup-check';
import { manifestText } from '@/lib/upgrade/backup/manifest';
import { dumpManifest } from '@/components/upgrade-plan-view';
import { POST as databaseBackupRoute } from '@/app/api/releases/database-backup/route';
import { servicesInfo } from '../preflight/services';

// Only on the local cluster npm test brought up (it sets TEST_CLUSTER): never on whatever cluster
// a developer's KUBECONFIG names. Fails, never skips: a missing set-up turns the suite red.
if (process.env.TEST_CLUSTER !== '1' || !process.env.KUBECONFIG)
  throw new Error(
    'The local cluster is not up for this suite (it needs TEST_CLUSTER=1 and KUBECONFIG): run it through `npm test -- --only services`, which starts the cluster and MariaDB.',
  );
const s = servicesInfo();
const host = s.mariadb.good.host;
const suffix = randomBytes(3).toString('hex');
const ns = `backup-rt-${suffix}`;
const DATABASE = `backup_rt_${suffix}`;
const RELEASE = 'rt';
const BAD_RELEASE = 'rt-bad';
const kc = kubeConfigFor();
const core = kc.makeApiClient(k8s.CoreV1Api);
const custom = kc.makeApiClient(k8s.CustomObjectsApi);
const exec = new k8s.Exec(kc);
const deps: PodExecDeps = {
  listPods: async (namespace, labelSelector) =>
    (await core.listNamespacedPod({ namespace, labelSelector })).items,
  exec: (...args) => exec.exec(...args),
};
const dir = mkdtempSync(path.join(tmpdir(), 'lw-backup-rt-'));
const KWOK = { group: 'kwok.x-k8s.io', version: 'v1alpha1' };
const WRONG_PASSWORD = 'not-the-root-password-0451';

/** A pod labelled as the charts label the MySQL pod (chart/ and chart-3.50/ templates/mysql.yaml). */
const mysqlPod = (name: string, release: string): k8s.V1Pod => ({
  metadata: {
    name,
    labels: Object.fromEntries(
      mysqlPodSelector(release)
        .split(',')
        .map((kv) => kv.split('=')),
    ),
  },
  spec: {
    containers: [
      { name: 'mysql', image: 'mysql:8.0.36', env: [{ name: 'MYSQL_DATABASE', value: DATABASE }] },
    ],
  },
});

// The clients' host and port: MariaDB's mysqldump reads no MYSQL_HOST, every client reads
// ~/.my.cnf (HOME is the test's directory).
writeFileSync(path.join(dir, '.my.cnf'), `[client]\nhost=${host}\nport=3306\n`, { mode: 0o600 });

/** The container's environment, as the chart's pod has it, pointed at the services' MariaDB. */
const envs = (password: string) => [
  { name: 'HOME', value: dir },
  { name: 'MYSQL_DATABASE', value: DATABASE },
  { name: 'MYSQL_ROOT_PASSWORD', value: password },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${String(last)}`);
    await sleep(250);
  }
}

/** stdout of a command run through the API's exec in the good pod. */
async function run(command: string[]): Promise<{ out: string; status: unknown }> {
  let out = '';
  const sink = new Writable({
    write(c: Buffer, _e, done) {
      out += c.toString('utf8');
      done();
    },
  });
  const r = await execInPod(
    deps,
    { namespace: ns, pod: 'lw-mysql', container: 'mysql' },
    command,
    sink,
  );
  return { out, status: r.status };
}

let db: mysql.Connection;
const rows = async () => ({
  people: (await db.query(`SELECT * FROM ${DATABASE}.people ORDER BY id`))[0],
  blobs: (await db.query(`SELECT id, HEX(data) AS data FROM ${DATABASE}.blobs ORDER BY id`))[0],
});

beforeAll(async () => {
  db = await mysql.createConnection({ host, user: 'root', password: s.db.rootPassword });
  await db.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4`);
  await db.query(
    `CREATE TABLE ${DATABASE}.people (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT)`,
  );
  await db.query(`CREATE TABLE ${DATABASE}.blobs (id INT PRIMARY KEY, data BLOB)`);
  await db.query(
    `INSERT INTO ${DATABASE}.people VALUES (1, 'Zoë', 'naïve ☃ 🚀'), (2, 'O''Brien', NULL), (3, 'tab\there', 'line\nbreak')`,
  );
  await db.query(`INSERT INTO ${DATABASE}.blobs VALUES (1, UNHEX('00FF0A0D275C')), (2, '')`);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await core.createNamespacedPod({ namespace: ns, body: mysqlPod('lw-mysql', RELEASE) });
  await core.createNamespacedPod({ namespace: ns, body: mysqlPod('lw-mysql-bad', BAD_RELEASE) });
  // Exec in the namespace's pods runs locally with the good password; an Exec naming one pod
  // (it wins over ClusterExecs) gives that one a wrong password.
  await custom.createClusterCustomObject({
    ...KWOK,
    plural: 'clusterexecs',
    body: {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterExec',
      metadata: { name: ns },
      spec: {
        selector: { matchNamespaces: [ns] },
        execs: [{ local: { envs: envs(s.db.rootPassword), workDir: dir } }],
      },
    },
  });
  await custom.createNamespacedCustomObject({
    ...KWOK,
    namespace: ns,
    plural: 'execs',
    body: {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Exec',
      metadata: { name: 'lw-mysql-bad', namespace: ns },
      spec: { execs: [{ local: { envs: envs(WRONG_PASSWORD) } }] },
    },
  });
  await until('both pods Running', async () => {
    const pods = (await core.listNamespacedPod({ namespace: ns })).items;
    return pods.filter((p) => p.status?.phase === 'Running').length === 2 ? true : undefined;
  });
}, 120_000);

afterAll(async () => {
  await custom
    .deleteClusterCustomObject({ ...KWOK, plural: 'clusterexecs', name: ns })
    .catch(() => undefined);
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await db?.query(`DROP DATABASE IF EXISTS ${DATABASE}`).catch(() => undefined);
  await db?.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('database backup and restore through the API exec (KWOK pod, real MariaDB)', () => {
  it('runs a command in the pod through client-node’s Exec, with the Exec’s environment', async () => {
    // kwok picks up a new ClusterExec from its watch: the first exec may come before it.
    const r = await until('the ClusterExec', async () => {
      const x = await run(['sh', '-c', 'echo "db=$MYSQL_DATABASE"; pwd']);
      return x.out ? x : undefined;
    });
    expect(r.out).toBe(`db=${DATABASE}\n${dir}\n`);
    expect(r.status).toMatchObject({ status: 'Success' });
  }, 90_000);

  it('backs up, and the restore puts back exactly what was there', async () => {
    const before = await rows();
    const out = path.join(dir, 'lightrun.sql.gz');
    const m = await backupDatabase(deps, { namespace: ns, release: RELEASE, out });
    const file = readFileSync(out);
    expect(m).toMatchObject({
      kind: 'lightrun-mysql-backup',
      release: RELEASE,
      namespace: ns,
      pod: 'lw-mysql',
      container: 'mysql',
      database: DATABASE,
      file: 'lightrun.sql.gz',
      tables: 2,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const sql = gunzipSync(file).toString('utf8');
    expect(m.sqlBytes).toBe(Buffer.byteLength(sql));
    expect(sql).toContain(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    expect(sql).not.toContain(s.db.rootPassword);
    expect(readFileSync(`${out}.manifest.json`, 'utf8')).not.toContain(s.db.rootPassword);
    expect(existsSync(`${out}.partial`)).toBe(false);

    await db.query(`DELETE FROM ${DATABASE}.people WHERE id = 2`);
    await db.query(`UPDATE ${DATABASE}.people SET name = 'changed'`);
    await db.query(`DROP TABLE ${DATABASE}.blobs`);
    await db.query(`CREATE TABLE ${DATABASE}.added_by_upgrade (id INT)`);

    const r = await restoreDatabase(deps, { namespace: ns, release: RELEASE, from: out });
    expect(r).toMatchObject({
      database: DATABASE,
      tables: 2,
      sqlBytes: m.sqlBytes,
      sha256: m.sha256,
    });
    expect(r.manifest).toEqual(m);
    expect(await rows()).toEqual(before);
    const [tables] = await db.query(`SHOW TABLES FROM ${DATABASE}`);
    expect((tables as Record<string, string>[]).map((t) => Object.values(t)[0]).sort()).toEqual([
      'blobs',
      'people',
    ]);
  }, 90_000);

  it('fails clearly on a wrong password, without the password, leaving no file', async () => {
    const out = path.join(dir, 'bad.sql.gz');
    const e = await backupDatabase(deps, { namespace: ns, release: BAD_RELEASE, out }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BackupError);
    const message = (e as Error).message;
    expect(message).toMatch(/^mysqldump failed with exit code 2: .*Access denied for user 'root'/s);
    expect(message).not.toContain(WRONG_PASSWORD);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(existsSync(`${out}.manifest.json`)).toBe(false);
  }, 60_000);

  it('a restore with a wrong password fails the same way and leaves the database alone', async () => {
    const from = path.join(dir, 'for-the-bad-pod.sql.gz');
    await backupDatabase(deps, { namespace: ns, release: RELEASE, out: from });
    await db.query(`INSERT INTO ${DATABASE}.people VALUES (9, 'after the backup', NULL)`);
    const before = await rows();
    const e = await restoreDatabase(deps, { namespace: ns, release: BAD_RELEASE, from }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(
      /^mysql failed with exit code 1: .*Access denied for user 'root'/s,
    );
    expect((e as Error).message).not.toContain(WRONG_PASSWORD);
    expect(await rows()).toEqual(before);
  }, 60_000);
});

// The plan page's backups (docs/upgrade.md, "The plan page"): the route itself, called as the
// server calls it (the suite's KUBECONFIG is the local cluster), its dump read as the browser
// reads it, checked as the page checks it, then restored.
const ORIGIN = 'http://127.0.0.1:3420';
const routeRequest = (release: string) =>
  new Request(`${ORIGIN}/api/releases/database-backup`, {
    method: 'POST',
    headers: { origin: ORIGIN, host: '127.0.0.1:3420', 'content-type': 'application/json' },
    body: JSON.stringify({ namespace: ns, release }),
  });

describe('the plan page’s backups: POST /api/releases/database-backup and the Secrets file', () => {
  it('streams a dump to the response, written nowhere, that the page accepts and that restores', async () => {
    const before = await rows();
    const r = await databaseBackupRoute(routeRequest(RELEASE));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/gzip');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="lightrun-db-${RELEASE}-${ns}-[0-9TZ-]+\\.sql\\.gz"$`),
    );
    expect(r.headers.get('x-backup-pod')).toBe('lw-mysql');
    const bytes = Buffer.from(await r.arrayBuffer());
    const facts = await dumpFacts(new Blob([bytes]));
    expect(facts).toMatchObject({
      database: DATABASE,
      tables: 2,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(gunzipSync(bytes).toString('utf8')).not.toContain(s.db.rootPassword);

    await db.query(`DELETE FROM ${DATABASE}.people`);
    await db.query(`DROP TABLE ${DATABASE}.blobs`);
    const from = path.join(dir, 'from-the-browser.sql.gz');
    writeFileSync(from, bytes);
    // the manifest the page offers beside it: the restore checks the file against it
    const manifest = dumpManifest({
      release: RELEASE,
      namespace: ns,
      pod: r.headers.get('x-backup-pod')!,
      file: path.basename(from),
      takenAt: new Date().toISOString(),
      facts,
    });
    writeFileSync(`${from}.manifest.json`, manifestText(manifest));
    const restored = await restoreDatabase(deps, { namespace: ns, release: RELEASE, from });
    expect(restored).toMatchObject({ database: DATABASE, tables: 2, sha256: facts.sha256 });
    expect(restored.manifest).toEqual(manifest);
    expect(await rows()).toEqual(before);
  }, 90_000);

  it('a refused password is a 409 with mysqldump’s words, never the password', async () => {
    const r = await databaseBackupRoute(routeRequest(BAD_RELEASE));
    expect(r.status).toBe(409);
    const body = (await r.json()) as { error: string };
    expect(body.error).toMatch(/^mysqldump failed with exit code 2: .*Access denied/s);
    expect(JSON.stringify(body)).not.toContain(WRONG_PASSWORD);
  }, 60_000);

  it('the Secrets file holds exactly the Secrets the plan names, as the cluster has them, and logs nothing', async () => {
    const VALUE = `secret-value-${suffix}-0451`;
    const make = (name: string, data: Record<string, string>) =>
      core.createNamespacedSecret({
        namespace: ns,
        body: {
          metadata: { name, labels: { 'app.kubernetes.io/instance': RELEASE } },
          stringData: data,
        },
      });
    await make(`${RELEASE}-backend`, { SPRING_DATASOURCE_PASSWORD: VALUE });
    await make(`${RELEASE}-keycloak`, { KEYCLOAK_PASSWORD: VALUE, DB_USER: 'lightrun' });
    await make(`${RELEASE}-unrelated`, { OTHER: VALUE });
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m),
    );
    try {
      const f = await secretsFile(
        apiSecretReader(null, ns),
        {},
        { release: RELEASE, namespace: ns },
      );
      expect(f.secrets.map((x) => x.name)).toEqual([`${RELEASE}-backend`, `${RELEASE}-keycloak`]);
      expect(f.missing).toEqual([`${RELEASE}-certificate`]);
      const docs = parseAllDocuments(f.yaml).map((d) => d.toJS() as Record<string, never>);
      const live = await core.readNamespacedSecret({ name: `${RELEASE}-backend`, namespace: ns });
      expect(docs[0]).toEqual({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${RELEASE}-backend`, namespace: ns, labels: live.metadata!.labels },
        type: 'Opaque',
        data: live.data,
      });
      expect(Buffer.from(docs[0]!.data!['SPRING_DATASOURCE_PASSWORD'], 'base64').toString()).toBe(
        VALUE,
      );
      expect(f.yaml).not.toContain(live.metadata!.uid!);
      expect(f.yaml).not.toContain(`${RELEASE}-unrelated`);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      spies.forEach((x) => x.mockRestore());
    }
  }, 60_000);
});
