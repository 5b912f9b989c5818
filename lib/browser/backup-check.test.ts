import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dumpFacts, fileFacts, sizeText } from './backup-check';

const SQL = [
  '-- MariaDB dump',
  'USE `lightrunserver`;',
  'CREATE TABLE `a` (id int);',
  'CREATE TABLE `b` (id int);',
  '-- Dump completed on 2026-12-07',
  '',
].join('\n');
const blob = (b: Uint8Array) => new Blob([new Uint8Array(b)]);
const fails = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: Error) => e.message,
  );

describe('fileFacts', () => {
  it('the size and the sha256 of exactly the bytes', async () => {
    const bytes = Buffer.from('apiVersion: v1\nkind: Secret\n');
    expect(await fileFacts(blob(bytes))).toEqual({
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });
});

describe('dumpFacts', () => {
  it('a whole dump: database, tables, SQL size, gzip size and sha256', async () => {
    const gz = gzipSync(SQL);
    expect(await dumpFacts(blob(gz))).toEqual({
      bytes: gz.length,
      sha256: createHash('sha256').update(gz).digest('hex'),
      database: 'lightrunserver',
      tables: 2,
      sqlBytes: Buffer.byteLength(SQL),
    });
  });

  it('a gzip cut short (no trailer) is refused', async () => {
    const gz = gzipSync(SQL);
    expect(await fails(dumpFacts(blob(gz.subarray(0, gz.length - 8))))).toBe(
      'The download is not a whole gzip file: the backup was cut short.',
    );
  });

  it('a whole gzip of a dump without its last line is refused', async () => {
    expect(await fails(dumpFacts(blob(gzipSync(SQL.replace('-- Dump completed', '-- x')))))).toBe(
      "The dump is incomplete: mysqldump's last line is missing.",
    );
  });

  it('a dump of two databases is refused', async () => {
    expect(await fails(dumpFacts(blob(gzipSync(`USE \`x\`;\n${SQL}`))))).toBe(
      'The dump selects 2 databases; a backup of one Lightrun database selects exactly one.',
    );
  });
});

describe('sizeText', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1.0 KiB'],
    [5 * 1024 * 1024 + 100_000, '5.1 MiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
    [2048 * 1024 ** 3, '2048.0 GiB'],
  ])('%i → %s', (n, text) => expect(sizeText(n)).toBe(text));
});
