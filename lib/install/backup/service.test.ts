import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BackupError,
  backupDatabase,
  backupStream,
  databaseBackupOfRelease,
  restoreDatabase,
  STDIN_HIGH_WATER,
  type PodExecDeps,
} from './service';

const SQL = [
  '-- MariaDB dump',
  'DROP DATABASE IF EXISTS `lightrunserver`;',
  'USE `lightrunserver`;',
  'CREATE TABLE `a` (id int);',
  'INSERT INTO `a` VALUES (1);',
  'CREATE TABLE `b` (id int);',
  '-- Dump completed on 2026-12-07',
  '',
].join('\n');

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'lw-backup-unit-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const POD: k8s.V1Pod = {
  metadata: { name: 'lr-mysql-0' },
  spec: {
    containers: [{ name: 'mysql', env: [{ name: 'MYSQL_DATABASE', value: 'lightrunserver' }] }],
  },
  status: { phase: 'Running' },
};

interface Call {
  command: string[];
  stdin: string | null;
}

/**
 * A fake exec: writes `stdout` and `stderr`, reads stdin to its end, sends `status`, then closes
 * the connection, as client-node's Exec does.
 */
function fakeDeps(
  run: { stdout?: string; stderr?: string; status?: object | null } = {},
  calls: Call[] = [],
): PodExecDeps {
  return {
    listPods: () => Promise.resolve([POD]),
    exec: (_ns, _pod, _c, command, stdout, stderr, stdin, _tty, onStatus) => {
      const ws = Object.assign(new EventEmitter(), { readyState: 1, CLOSED: 3 });
      const call: Call = { command: command as string[], stdin: null };
      calls.push(call);
      const finish = () => {
        if (run.stdout) (stdout as Writable).write(Buffer.from(run.stdout));
        if (run.stderr) (stderr as Writable).write(Buffer.from(run.stderr));
        if (run.status !== null) onStatus?.((run.status ?? { status: 'Success' }) as k8s.V1Status);
        ws.readyState = 3;
        ws.emit('close');
      };
      if (stdin) {
        const parts: Buffer[] = [];
        (stdin as Readable).on('data', (c: Buffer) => parts.push(c));
        (stdin as Readable).on('end', () => {
          call.stdin = Buffer.concat(parts).toString('utf8');
          finish();
        });
      } else setImmediate(finish);
      return Promise.resolve(ws as never);
    },
  };
}

const backup = (deps: PodExecDeps, out: string, force = false) =>
  backupDatabase(deps, {
    namespace: 'ns',
    release: 'lr',
    out,
    force,
    now: () => new Date('2026-12-07T22:00:00Z'),
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );

describe('backupDatabase', () => {
  it('writes the gzip file and its manifest, both 0600', async () => {
    const out = path.join(tmp(), 'db.sql.gz');
    const calls: Call[] = [];
    const m = await backup(fakeDeps({ stdout: SQL }, calls), out);
    const file = readFileSync(out);
    expect(gunzipSync(file).toString('utf8')).toBe(SQL);
    expect(m).toEqual({
      kind: 'lightrun-mysql-backup',
      version: 1,
      release: 'lr',
      namespace: 'ns',
      pod: 'lr-mysql-0',
      container: 'mysql',
      database: 'lightrunserver',
      takenAt: '2026-12-07T22:00:00.000Z',
      file: 'db.sql.gz',
      bytes: file.length,
      sqlBytes: Buffer.byteLength(SQL),
      tables: 2,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'))).toEqual(m);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(`${out}.manifest.json`).mode & 0o777).toBe(0o600);
    expect(calls.map((c) => c.command[2])).toEqual([expect.stringMatching(/ exec mysqldump /)]);
  });

  it.each([
    [
      'a non-zero exit',
      {
        stdout: SQL.slice(0, 40),
        stderr: 'mysqldump: Got error: 1045\n',
        status: { status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: '2' }] } },
      },
      'mysqldump failed with exit code 2: mysqldump: Got error: 1045',
    ],
    [
      'no status',
      { stdout: SQL, status: null },
      'mysqldump did not finish: the exec connection closed without a status',
    ],
    [
      'a dump cut short',
      { stdout: SQL.replace('-- Dump completed', '-- x') },
      "The dump is incomplete: mysqldump's last line is missing.",
    ],
    [
      'two databases',
      { stdout: `USE \`other\`;\n${SQL}` },
      'The dump selects 2 databases; a backup of one Lightrun database selects exactly one.',
    ],
  ])('fails on %s and leaves no file', async (_name, run, message) => {
    const out = path.join(tmp(), 'db.sql.gz');
    const e = await failure(backup(fakeDeps(run), out));
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toBe(message);
    for (const f of [out, `${out}.partial`, `${out}.manifest.json`])
      expect(existsSync(f)).toBe(false);
  });

  it('stops reading the socket while gzip and the file are behind, and reads on after', async () => {
    const out = path.join(tmp(), 'big.sql.gz');
    const big = `USE \`lightrunserver\`;\n${'INSERT INTO t VALUES (1);\n'.repeat(40_000)}-- Dump completed\n`;
    const flow: string[] = [];
    let paused = false;
    const ws = Object.assign(new EventEmitter(), {
      readyState: 1,
      CLOSED: 3,
      bufferedAmount: 0,
      pause: () => {
        flow.push('pause');
        paused = true;
      },
      resume: () => {
        flow.push('resume');
        paused = false;
      },
    });
    // Like a socket: no message arrives while it is paused.
    const send = async (stdout: Writable) => {
      const all = Buffer.from(big);
      for (let i = 0; i < all.length; i += 64 * 1024) {
        while (paused) await new Promise((r) => setTimeout(r, 1));
        stdout.write(all.subarray(i, i + 64 * 1024));
      }
    };
    const deps: PodExecDeps = {
      listPods: () => Promise.resolve([POD]),
      exec: (_ns, _pod, _c, _command, stdout, _stderr, _stdin, _tty, onStatus) => {
        setImmediate(
          () =>
            void send(stdout as Writable).then(() => {
              onStatus?.({ status: 'Success' });
              ws.readyState = 3;
              ws.emit('close');
            }),
        );
        return Promise.resolve(ws as never);
      },
    };
    const m = await backup(deps, out);
    expect(flow.slice(0, 2)).toEqual(['pause', 'resume']);
    expect(flow.filter((f) => f === 'pause')).toHaveLength(
      flow.filter((f) => f === 'resume').length,
    );
    expect(m.sqlBytes).toBe(Buffer.byteLength(big));
    expect(gunzipSync(readFileSync(out)).toString('utf8')).toBe(big);
  });

  it('keeps an existing file unless forced, before any exec', async () => {
    const out = path.join(tmp(), 'db.sql.gz');
    writeFileSync(out, 'old');
    const calls: Call[] = [];
    const e = await failure(backup(fakeDeps({ stdout: SQL }, calls), out));
    expect((e as Error).message).toBe(`${out} exists: choose another file or add --force.`);
    expect(calls).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('old');
    await backup(fakeDeps({ stdout: SQL }), out, true);
    expect(gunzipSync(readFileSync(out)).toString('utf8')).toBe(SQL);
  });
});

describe('backupStream (the browser download: nothing on disk)', () => {
  const stream = (deps: PodExecDeps) =>
    backupStream(deps, {
      namespace: 'ns',
      release: 'lr',
      now: () => new Date('2026-12-07T22:00:00Z'),
    });
  const read = async (body: Readable) => {
    const parts: Buffer[] = [];
    for await (const c of body) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };

  it('streams the gzip dump; its manifest is the sha256 and size of exactly what was streamed', async () => {
    const d = await stream(fakeDeps({ stdout: SQL }));
    expect(d.file).toBe('lightrun-db-lr-ns-2026-12-07T22-00-00-000Z.sql.gz');
    expect([d.pod, d.database]).toEqual(['lr-mysql-0', 'lightrunserver']);
    const bytes = await read(d.body);
    expect(gunzipSync(bytes).toString('utf8')).toBe(SQL);
    expect(await d.done).toMatchObject({
      file: d.file,
      database: 'lightrunserver',
      takenAt: '2026-12-07T22:00:00.000Z',
      bytes: bytes.length,
      sqlBytes: Buffer.byteLength(SQL),
      tables: 2,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('a dump that fails before its first byte is an error before any download', async () => {
    const run = {
      stderr: "mysqldump: Got error: 1045: Access denied for user 'root'\n",
      status: { status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: '2' }] } },
    };
    const e = await failure(stream(fakeDeps(run)));
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(/^mysqldump failed with exit code 2: .*Access denied/);
  });

  it('a dump cut short breaks the stream: no whole gzip ever comes out', async () => {
    const d = await stream(fakeDeps({ stdout: SQL.replace('-- Dump completed', '-- x') }));
    const e = await failure(read(d.body));
    expect((e as Error).message).toBe("The dump is incomplete: mysqldump's last line is missing.");
    expect((await failure(d.done)) as Error).toBeInstanceOf(BackupError);
  });

  it('a download cancelled half-way cuts the exec (mysqldump stops)', async () => {
    let terminated = false;
    const ws = Object.assign(new EventEmitter(), { readyState: 1, CLOSED: 3, bufferedAmount: 0 });
    const deps: PodExecDeps = {
      listPods: () => Promise.resolve([POD]),
      exec: (_ns, _pod, _c, _command, stdout) => {
        Object.assign(ws, {
          terminate: () => {
            terminated = true;
            ws.readyState = 3;
            ws.emit('close');
          },
        });
        setImmediate(() => (stdout as Writable).write(Buffer.from(SQL.slice(0, 60))));
        return Promise.resolve(ws as never);
      },
    };
    const d = await stream(deps);
    d.body.destroy();
    expect(await failure(d.done)).toBeInstanceOf(Error);
    expect(terminated).toBe(true);
  });
});

describe('restoreDatabase', () => {
  const restore = (deps: PodExecDeps, from: string) =>
    restoreDatabase(deps, { namespace: 'ns', release: 'lr', from });

  it('streams the SQL into mysql, which reads exactly its size', async () => {
    const from = path.join(tmp(), 'db.sql.gz');
    await backup(fakeDeps({ stdout: SQL }), from);
    const calls: Call[] = [];
    const r = await restore(fakeDeps({}, calls), from);
    expect(calls).toEqual([
      {
        command: [
          'sh',
          '-c',
          expect.stringMatching(new RegExp(`^head -c ${Buffer.byteLength(SQL)} \\| `)),
        ],
        stdin: SQL,
      },
    ]);
    expect(r).toMatchObject({
      database: 'lightrunserver',
      tables: 2,
      sqlBytes: Buffer.byteLength(SQL),
    });
    expect(r.manifest?.release).toBe('lr');
  });

  it('holds the file back while the socket has more than STDIN_HIGH_WATER unsent', async () => {
    const from = path.join(tmp(), 'db.sql.gz');
    writeFileSync(from, gzipSync(SQL));
    const ws = Object.assign(new EventEmitter(), {
      readyState: 1,
      CLOSED: 3,
      bufferedAmount: STDIN_HIGH_WATER + 1,
    });
    let got = '';
    const deps: PodExecDeps = {
      listPods: () => Promise.resolve([POD]),
      exec: (_ns, _pod, _c, _command, _stdout, _stderr, stdin, _tty, onStatus) => {
        (stdin as Readable).on('data', (c: Buffer) => (got += c.toString('utf8')));
        (stdin as Readable).on('end', () => {
          onStatus?.({ status: 'Success' });
          ws.readyState = 3;
          ws.emit('close');
        });
        return Promise.resolve(ws as never);
      },
    };
    const done = restoreDatabase(deps, { namespace: 'ns', release: 'lr', from });
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toBe('');
    ws.bufferedAmount = STDIN_HIGH_WATER;
    await done;
    expect(got).toBe(SQL);
  });

  it('restores a file without a manifest, saying so', async () => {
    const from = path.join(tmp(), 'bare.sql.gz');
    writeFileSync(from, gzipSync(SQL));
    const r = await restore(fakeDeps(), from);
    expect(r.manifest).toBeNull();
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync(from)).digest('hex'));
  });

  it.each([
    [
      'a file its manifest does not describe',
      (d: string) => {
        const f = path.join(d, 'db.sql.gz');
        writeFileSync(f, gzipSync(SQL));
        writeFileSync(
          `${f}.manifest.json`,
          JSON.stringify({
            kind: 'lightrun-mysql-backup',
            version: 1,
            release: 'lr',
            namespace: 'ns',
            pod: 'p',
            container: 'mysql',
            database: 'lightrunserver',
            takenAt: 't',
            file: 'db.sql.gz',
            bytes: 1,
            sqlBytes: 1,
            tables: 2,
            sha256: '0'.repeat(64),
          }),
        );
        return f;
      },
      /is not the file its manifest describes \(sha256 [0-9a-f]{64}, the manifest says 0{64}\)\.$/,
    ],
    [
      'a broken manifest',
      (d: string) => {
        const f = path.join(d, 'db.sql.gz');
        writeFileSync(f, gzipSync(SQL));
        writeFileSync(`${f}.manifest.json`, '{');
        return f;
      },
      /db\.sql\.gz\.manifest\.json is not JSON\.$/,
    ],
    [
      'a file that is not gzip',
      (d: string) => {
        const f = path.join(d, 'db.sql');
        writeFileSync(f, SQL);
        return f;
      },
      /db\.sql cannot be read as a gzip dump: /,
    ],
    [
      'a dump cut short',
      (d: string) => {
        const f = path.join(d, 'cut.sql.gz');
        writeFileSync(f, gzipSync(SQL.slice(0, 60)));
        return f;
      },
      /cut\.sql\.gz is incomplete: mysqldump's last line is missing\.$/,
    ],
    [
      'another database than the pod’s',
      (d: string) => {
        const f = path.join(d, 'other.sql.gz');
        writeFileSync(f, gzipSync(SQL.replaceAll('lightrunserver', 'elsewhere')));
        return f;
      },
      /other\.sql\.gz holds database elsewhere, but release lr uses lightrunserver\.$/,
    ],
  ])('refuses %s before any exec', async (_name, make, message) => {
    const calls: Call[] = [];
    const e = await failure(restore(fakeDeps({}, calls), make(tmp())));
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(message);
    expect(calls).toEqual([]);
  });

  it('says mysql’s own error when it fails', async () => {
    const from = path.join(tmp(), 'db.sql.gz');
    writeFileSync(from, gzipSync(SQL));
    const e = await failure(
      restore(
        fakeDeps({
          stderr: 'ERROR 1045 (28000): Access denied\n',
          status: { status: 'Failure', message: 'exit status 1' },
        }),
        from,
      ),
    );
    expect((e as Error).message).toBe(
      'mysql failed with exit code 1: ERROR 1045 (28000): Access denied',
    );
  });
});

describe('databaseBackupOfRelease (the page’s backup, recorded for the upgrade’s gate)', () => {
  const read = async (body: Readable) => {
    for await (const c of body) void c;
  };
  it('records the complete dump’s manifest against the release, and nothing for a broken one', async () => {
    const seen: Array<{ t: object; sha256: string; by: string }> = [];
    const record = (t: object, m: { sha256: string }, by: string) => {
      seen.push({ t, sha256: m.sha256, by });
      return Promise.resolve(4);
    };
    const d = await databaseBackupOfRelease(
      { namespace: 'ns', release: 'lr' },
      () => fakeDeps({ stdout: SQL }),
      record,
    );
    await read(d.body);
    const m = await d.done;
    expect(await d.recorded).toBe(4);
    expect(seen).toEqual([
      { t: { context: null, namespace: 'ns', release: 'lr' }, sha256: m.sha256, by: 'page' },
    ]);

    const cut = await databaseBackupOfRelease(
      { namespace: 'ns', release: 'lr' },
      () => fakeDeps({ stdout: SQL.replace('-- Dump completed on 2026-12-07\n', '') }),
      record,
    );
    await read(cut.body).catch(() => undefined);
    expect(await failure(cut.recorded)).toBeInstanceOf(BackupError);
    expect(seen).toHaveLength(1);
  });
});
