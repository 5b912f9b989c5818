import 'server-only';
// The backup and the restore of the in-chart MySQL through the Kubernetes API's exec
// (docs/upgrade.md, "Backup and restore of the database"): the dump streams from the pod through
// gzip into a file (0600, it holds the database), a manifest beside it; the restore streams the
// file back into mysql. The password stays in the pod (lib/upgrade/backup/commands.ts).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { dumpCommand, restoreCommand } from '../../upgrade/backup/commands';
import { dumpProblem, DumpStatsReader, type DumpStats } from '../../upgrade/backup/dump-stats';
import { execFailure } from '../../upgrade/backup/exec-outcome';
import {
  MANIFEST_KIND,
  manifestPathOf,
  manifestText,
  parseManifest,
  type BackupManifest,
} from '../../upgrade/backup/manifest';
import {
  BackupError,
  execInPod,
  findMysqlPod,
  type ExecSocket,
  type MysqlPod,
  type PodExecDeps,
} from './pod-exec';
import type { ExecStatus } from '../../upgrade/backup/exec-outcome';
import { resolveTarget } from '../../target';
import { apiPodExecDeps } from './deps';
import { recordBackup } from '../upgrade-state';

export { BackupError, type PodExecDeps } from './pod-exec';

export interface BackupRequest {
  namespace: string;
  release: string;
  out: string;
  /** Replace an existing file. */
  force?: boolean;
  now?: () => Date;
}

/** A pass-through that hands each chunk to `see`. */
const tap = (see: (chunk: Buffer) => void) =>
  new Transform({
    transform(chunk: Buffer, _enc, done) {
      see(chunk);
      done(null, chunk);
    },
  });

/**
 * What the exec writes stdout into: passes each chunk to `to`, and stops reading the socket while
 * `to` is full (client-node writes without waiting), so a dump faster than gzip and the disk does
 * not pile up in memory.
 */
function intoWithFlowControl(to: Writable): {
  stream: Writable;
  connect: (ws: ExecSocket) => void;
} {
  let socket: ExecSocket | null = null;
  let paused = false;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!to.write(chunk) && socket?.pause && !paused) {
        paused = true;
        socket.pause();
        to.once('drain', () => {
          paused = false;
          socket?.resume?.();
        });
      }
      done();
    },
  });
  return { stream, connect: (ws) => (socket = ws) };
}

/** The single database a dump selects, or why it is not one this restores. */
function oneDatabase(stats: DumpStats, what: string): string {
  const problem = dumpProblem(stats, what);
  if (problem) throw new BackupError(problem);
  return stats.databases[0]!;
}

/** What a dump gave: its database, its SQL's stats, and the gzip's size and sha256. */
interface Dumped {
  database: string;
  stats: DumpStats;
  bytes: number;
  sha256: string;
}

/**
 * Dumps the pod's database through gzip into `out`. `out` ends only once mysqldump succeeded and
 * the dump is complete with one database; otherwise it is destroyed with the error (so neither a
 * file nor a download of it ever looks whole) and this rejects. `started` is called on the first
 * bytes of SQL. When `out` fails first (a download cancelled), the exec is cut: mysqldump stops.
 */
async function dumpInto(
  deps: PodExecDeps,
  target: MysqlPod,
  out: Writable,
  started: () => void = () => undefined,
): Promise<Dumped> {
  const stats = new DumpStatsReader();
  const hash = createHash('sha256');
  let bytes = 0;
  let exec: { status: ExecStatus | null; stderr: string } | null = null;
  let database = '';
  let seen = false;
  const sql = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!seen) started();
      seen = true;
      stats.push(chunk);
      done(null, chunk);
    },
    // the verdict comes before gzip's end: a failed dump never gets its gzip trailer
    flush(done) {
      const failed = execFailure('mysqldump', exec?.status ?? null, exec?.stderr ?? '');
      if (failed) return done(new BackupError(failed));
      try {
        database = oneDatabase(stats.result(), 'The dump');
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  const written = pipeline(
    sql,
    createGzip(),
    tap((c) => {
      hash.update(c);
      bytes += c.length;
    }),
    out,
  );
  let socket: ExecSocket | null = null;
  written.catch(() => socket?.terminate?.());
  const into = intoWithFlowControl(sql);
  try {
    exec = await execInPod(deps, target, dumpCommand(), into.stream, null, (ws) => {
      socket = ws;
      into.connect(ws);
    });
  } catch (e) {
    sql.destroy(e as Error);
  }
  if (!sql.destroyed) sql.end();
  await written;
  return { database, stats: stats.result(), bytes, sha256: hash.digest('hex') };
}

/** Dumps the release's database into `out` (gzip) and writes `out`.manifest.json. */
export async function backupDatabase(
  deps: PodExecDeps,
  req: BackupRequest,
): Promise<BackupManifest> {
  if (!req.force && existsSync(req.out))
    throw new BackupError(`${req.out} exists: choose another file or add --force.`);
  const target = await findMysqlPod(deps, req.namespace, req.release);
  const partial = `${req.out}.partial`;
  try {
    const d = await dumpInto(deps, target, createWriteStream(partial, { mode: 0o600 }));
    const manifest = manifestOf(target, req, path.basename(req.out), d);
    await rename(partial, req.out);
    await writeFile(manifestPathOf(req.out), manifestText(manifest), { mode: 0o600 });
    return manifest;
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

function manifestOf(
  target: MysqlPod,
  req: { release: string; namespace: string; now?: () => Date },
  file: string,
  d: Dumped,
): BackupManifest {
  return {
    kind: MANIFEST_KIND,
    version: 1,
    release: req.release,
    namespace: req.namespace,
    pod: target.pod,
    container: target.container,
    database: d.database,
    takenAt: (req.now ?? (() => new Date()))().toISOString(),
    file,
    bytes: d.bytes,
    sqlBytes: d.stats.bytes,
    tables: d.stats.tables,
    sha256: d.sha256,
  };
}

/** A backup streaming to the browser (POST /api/releases/database-backup). */
export interface BackupDownload {
  /** The file name the browser saves it as. */
  file: string;
  pod: string;
  database: string | null;
  /** The gzip dump: ends once the dump is complete and checked; errors otherwise. */
  body: PassThrough;
  /** The manifest once the dump is complete (the server logs and keeps nothing of it). */
  done: Promise<BackupManifest>;
}

/** The download's name: release, namespace and time, never a value. */
export const backupFileName = (release: string, namespace: string, at: Date) =>
  `lightrun-db-${release}-${namespace}-${at.toISOString().replace(/[:.]/g, '-')}.sql.gz`;

/**
 * Starts a backup of the release's database as a stream, written nowhere. It resolves once
 * mysqldump's first bytes came, so a dump that fails at once (no pod, a refused password) is an
 * error the route answers; one that fails later breaks the stream instead.
 */
export async function backupStream(
  deps: PodExecDeps,
  req: { namespace: string; release: string; now?: () => Date },
): Promise<BackupDownload> {
  const target = await findMysqlPod(deps, req.namespace, req.release);
  const at = (req.now ?? (() => new Date()))();
  const file = backupFileName(req.release, req.namespace, at);
  const body = new PassThrough();
  let began: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (began = resolve));
  const dumped = dumpInto(deps, target, body, began);
  await Promise.race([started, dumped]);
  const done = dumped.then((d) => manifestOf(target, { ...req, now: () => at }, file, d));
  done.catch(() => undefined); // the broken stream is how a late failure is told
  return { file, pod: target.pod, database: target.database ?? null, body, done };
}

export interface RestoreRequest {
  namespace: string;
  release: string;
  from: string;
}

export interface RestoreResult {
  database: string;
  tables: number;
  sqlBytes: number;
  sha256: string;
  /** The manifest beside the file, when there is one (its checksum was checked). */
  manifest: BackupManifest | null;
}

/** Above this much unsent on the exec's socket, the file waits (client-node sends without limit). */
export const STDIN_HIGH_WATER = 8 * 1024 * 1024;

/** A pass-through that holds each chunk while the socket has more than STDIN_HIGH_WATER queued. */
function paced(ws: ExecSocket): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const go = () =>
        ws.bufferedAmount > STDIN_HIGH_WATER ? setTimeout(go, 5) : done(null, chunk);
      go();
    },
  });
}

/** Reads the backup once: its checksum, and the SQL's stats. */
async function inspectBackup(file: string): Promise<{ sha256: string; stats: DumpStats }> {
  const hash = createHash('sha256');
  const stats = new DumpStatsReader();
  try {
    await pipeline(
      createReadStream(file),
      tap((c) => hash.update(c)),
      createGunzip(),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          stats.push(chunk);
          done();
        },
      }),
    );
  } catch (e) {
    throw new BackupError(`${file} cannot be read as a gzip dump: ${(e as Error).message}`);
  }
  return { sha256: hash.digest('hex'), stats: stats.result() };
}

/** The manifest beside `file`, checked against it; null when there is none. */
function checkedManifest(file: string, sha256: string): BackupManifest | null {
  const mf = manifestPathOf(file);
  if (!existsSync(mf)) return null;
  const m = parseManifest(readFileSync(mf, 'utf8'));
  if ('problem' in m) throw new BackupError(`${mf} ${m.problem}`);
  if (m.sha256 !== sha256)
    throw new BackupError(
      `${file} is not the file its manifest describes (sha256 ${sha256}, the manifest says ${m.sha256}).`,
    );
  return m;
}

/** Puts the database of the backup `from` back into the release's MySQL (drops it first). */
export async function restoreDatabase(
  deps: PodExecDeps,
  req: RestoreRequest,
): Promise<RestoreResult> {
  const { sha256, stats } = await inspectBackup(req.from);
  const database = oneDatabase(stats, req.from);
  const manifest = checkedManifest(req.from, sha256);
  if (stats.bytes === 0) throw new BackupError(`${req.from} holds no SQL.`);
  const target = await findMysqlPod(deps, req.namespace, req.release);
  if (target.database && target.database !== database)
    throw new BackupError(
      `${req.from} holds database ${database}, but release ${req.release} uses ${target.database}.`,
    );
  const stdin = new PassThrough();
  let read: Promise<void> = Promise.resolve();
  const sink = new PassThrough();
  sink.resume();
  const { status, stderr } = await execInPod(
    deps,
    target,
    restoreCommand(stats.bytes),
    sink,
    stdin,
    (ws) => {
      read = pipeline(createReadStream(req.from), createGunzip(), paced(ws), stdin).catch(
        () => undefined,
      );
    },
  );
  stdin.destroy();
  await read;
  const failed = execFailure('mysql', status, stderr);
  if (failed) throw new BackupError(failed);
  return { database, tables: stats.tables, sqlBytes: stats.bytes, sha256, manifest };
}

/** Records a complete backup for the upgrade job's gate (lib/install/upgrade-state.ts). */
export type RecordBackup = (
  t: { context: string | null; namespace: string; release: string },
  m: BackupManifest,
  by: 'page' | 'cli',
) => Promise<number>;

/**
 * `POST /api/releases/database-backup`: the release's in-chart MySQL dumped (gzip) as a stream
 * for the browser's download, written nowhere. Once the dump is complete, its digest and size
 * (never its content) are recorded against the release's revision for the upgrade's backup gate:
 * `recorded` is that revision. Throws RequestProblems, BackupError.
 */
export async function databaseBackupOfRelease(
  t: { context?: string; namespace?: string; release?: string },
  deps: (context: string | null) => PodExecDeps = apiPodExecDeps,
  record: RecordBackup = recordBackup,
): Promise<BackupDownload & { recorded: Promise<number> }> {
  const target = resolveTarget(t);
  const d = await backupStream(deps(target.context), target);
  const recorded = d.done.then((m) => record(target, m, 'page'));
  recorded.catch(() => undefined); // the route logs why; the download is not affected
  return { ...d, recorded };
}
