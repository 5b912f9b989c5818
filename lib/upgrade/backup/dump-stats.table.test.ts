import { describe, expect, it } from 'vitest';
import { DumpStatsReader, LINE_HEAD } from './dump-stats';

const DUMP = [
  '-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)',
  '--',
  '-- Host: 127.0.0.20    Database: lightrun',
  '/*!40101 SET NAMES utf8mb4 */;',
  'DROP DATABASE IF EXISTS `lightrun`;',
  'CREATE DATABASE /*!32312 IF NOT EXISTS*/ `lightrun` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;',
  'USE `lightrun`;',
  'DROP TABLE IF EXISTS `a`;',
  'CREATE TABLE `a` (',
  '  `id` int(11) NOT NULL',
  ') ENGINE=InnoDB;',
  'INSERT INTO `a` VALUES (1),(2);',
  '/*!50001 CREATE TABLE `v` (',
  '  `x` tinyint NOT NULL',
  ') ENGINE=MyISAM */;',
  'CREATE TABLE `b` (`id` int);',
  "INSERT INTO `b` VALUES ('CREATE TABLE `c` (x int)\\n');",
  '  CREATE TABLE `indented` (x int);',
  '-- Dump completed on 2026-12-07 21:56:39',
  '',
].join('\n');

const bytes = (s: string) => new TextEncoder().encode(s);

/** The dump fed in two pieces, split at byte `at` (0 and the end give an empty piece). */
function readSplit(text: string, at: number) {
  const r = new DumpStatsReader();
  const all = bytes(text);
  r.push(all.subarray(0, at));
  r.push(all.subarray(at));
  return r.result();
}

/** The dump fed in pieces of `size` bytes. */
function read(text: string, size: number) {
  const r = new DumpStatsReader();
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) r.push(all.subarray(i, i + size));
  return r.result();
}

describe('DumpStatsReader', () => {
  it.each([1, 2, 3, 7, 64, 4096])('reads the same stats in chunks of %d bytes', (size) => {
    expect(read(DUMP, size)).toEqual({
      tables: 2,
      databases: ['lightrun'],
      completed: true,
      bytes: bytes(DUMP).length,
    });
  });

  it('calls a dump without its last comment line incomplete', () => {
    const cut = DUMP.slice(0, DUMP.indexOf('-- Dump completed'));
    expect(read(cut, 5)).toMatchObject({ tables: 2, completed: false });
  });

  it('counts a last line without a newline', () => {
    expect(read('CREATE TABLE `z` (x int);', 4)).toMatchObject({ tables: 1 });
    expect(read('-- Dump completed on x', 4)).toMatchObject({ completed: true });
  });

  it('names every database a dump selects, backquotes undoubled', () => {
    expect(read('USE `a``b`;\nUSE `second`;\n', 3).databases).toEqual(['a`b', 'second']);
  });

  it('looks only at a line’s start, however long the line', () => {
    const long = `INSERT INTO t VALUES ('${'x'.repeat(100_000)}');\nCREATE TABLE \`t2\` (x int);\n`;
    expect(read(long, 999)).toMatchObject({ tables: 1, bytes: bytes(long).length });
  });

  it('counts nothing in an empty input', () => {
    expect(new DumpStatsReader().result()).toEqual({
      tables: 0,
      databases: [],
      completed: false,
      bytes: 0,
    });
  });

  it('reads the same stats split in two at every byte, both ends included', () => {
    const text = [
      'USE `light',
      'run`;',
      'USE `unterminated',
      'CREATE TABLE `a` (x int);',
      'USE `lightrun`;',
      '-- Dump completed',
      '',
    ].join('\n');
    const want = { tables: 1, databases: ['lightrun'], completed: true, bytes: bytes(text).length };
    for (let at = 0; at <= bytes(text).length; at++) expect(readSplit(text, at)).toEqual(want);
  });

  it.each([1, 3, 4096])('ends a USE line at its newline (chunks of %d bytes)', (size) => {
    expect(read('USE `light\nrun`;\n', size).databases).toEqual([]);
    expect(read('USE `unterminated\n', size).databases).toEqual([]);
  });

  it.each([1, 7, 4096])(
    'reads a database name as long as MySQL allows (chunks of %d bytes)',
    (size) => {
      const name = '名'.repeat(64);
      expect(bytes(`USE \`${name}\`;`).length).toBe(199);
      expect(read(`USE \`${name}\`;\n`, size).databases).toEqual([name]);
    },
  );

  it.each([1, 7, 4096])(
    'reads a USE line of LINE_HEAD bytes, not one a byte longer (chunks of %d bytes)',
    (size) => {
      const fits = 'x'.repeat(LINE_HEAD - 'USE ``;'.length);
      expect(read(`USE \`${fits}\`;\n`, size).databases).toEqual([fits]);
      expect(read(`USE \`${fits}x\`;\n`, size).databases).toEqual([]);
    },
  );
});
