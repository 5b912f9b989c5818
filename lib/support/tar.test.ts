import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { header, splitName, tarBytes, tarGz, TarNameError } from './tar';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'lw-tar-test-'));
  dirs.push(d);
  return d;
};

const longDir = `logs/${'p'.repeat(63)}`; // a pod name at its 63-character limit
const longName = `${longDir}/${'c'.repeat(63)}.previous.log`; // 145 bytes: needs ustar's prefix
const binary = Uint8Array.from({ length: 1500 }, (_, i) => (i * 7) % 256);

describe('tarGz round-trips through the system tar', () => {
  const entries = [
    { name: 'b', dir: true as const },
    { name: 'b/README.txt', content: 'Lightrun support bundle\n' },
    { name: 'b/empty.txt', content: '' },
    { name: 'b/block.txt', content: 'x'.repeat(512) },
    { name: 'b/block-plus-one.txt', content: 'y'.repeat(513) },
    { name: 'b/unicode.txt', content: 'größe ✓\n' },
    { name: 'b/bin.dat', content: binary },
    { name: `b/${longName}`, content: 'tail of a log\n' },
  ];
  const gz = tarGz(entries, new Date('2026-12-01T23:00:00Z'));

  it('tar -tzvf lists every entry in order, files 0600 and the directory 0700', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'x.tar.gz'), gz);
    const r = spawnSync('tar', ['-tzvf', path.join(d, 'x.tar.gz')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/ +/).slice(5).join(' '))).toEqual([
      'b/',
      'b/README.txt',
      'b/empty.txt',
      'b/block.txt',
      'b/block-plus-one.txt',
      'b/unicode.txt',
      'b/bin.dat',
      `b/${longName}`,
    ]);
    expect(lines[0]).toMatch(/^drwx------ /);
    for (const l of lines.slice(1)) expect(l).toMatch(/^-rw------- /);
    expect(lines[0]).toContain('2026-12-01');
  });

  it('tar -xzf restores every byte (empty, exact block, block + 1, UTF-8, binary, a 145-byte path)', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'x.tar.gz'), gz);
    const r = spawnSync('tar', ['-xzf', 'x.tar.gz'], { cwd: d, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const e of entries) {
      if (!('content' in e)) continue;
      const got = readFileSync(path.join(d, e.name));
      expect(Buffer.compare(got, Buffer.from(e.content as string | Uint8Array))).toBe(0);
    }
    expect(statSync(path.join(d, 'b/README.txt')).size).toBe(24);
  });

  it('pads each file to 512 bytes and ends with two zero blocks', () => {
    const raw = tarBytes([{ name: 'a', content: 'x'.repeat(513) }], new Date(0));
    expect(raw.length).toBe(512 + 1024 + 1024);
    expect(raw.subarray(raw.length - 1024).every((b) => b === 0)).toBe(true);
    expect(
      Buffer.compare(
        Buffer.from(gunzipSync(tarGz([{ name: 'a', content: 'x'.repeat(513) }], new Date(0)))),
        Buffer.from(raw),
      ),
    ).toBe(0);
  });

  it('refuses the same name twice', () => {
    expect(() =>
      tarBytes(
        [
          { name: 'a', content: '1' },
          { name: 'a', content: '2' },
        ],
        new Date(0),
      ),
    ).toThrow(TarNameError);
  });
});

describe('header', () => {
  it('writes a checksum equal to the byte sum with the field as spaces, octal size and ustar magic', () => {
    const h = header('dir/file.txt', 1234, '0', 1_700_000_000);
    const field = Buffer.from(h.subarray(148, 156)).toString('latin1');
    const copy = Uint8Array.from(h);
    copy.fill(0x20, 148, 156);
    const sum = copy.reduce((a, b) => a + b, 0);
    expect(field).toBe(`${sum.toString(8).padStart(6, '0')}\0 `);
    expect(Buffer.from(h.subarray(124, 136)).toString('latin1')).toBe('00000002322\0');
    expect(Buffer.from(h.subarray(257, 265)).toString('latin1')).toBe('ustar\u000000');
    expect(Buffer.from(h.subarray(100, 108)).toString('latin1')).toBe('0000600\0');
    expect(Buffer.from(header('d/', 0, '5', 0).subarray(100, 108)).toString('latin1')).toBe(
      '0000700\0',
    );
  });
});

describe('splitName', () => {
  it.each([
    ['a'.repeat(100), ['', 'a'.repeat(100)]],
    [`${'d'.repeat(10)}/${'a'.repeat(91)}`, ['d'.repeat(10), 'a'.repeat(91)]],
    [`${'d'.repeat(155)}/${'a'.repeat(100)}`, ['d'.repeat(155), 'a'.repeat(100)]],
  ])('stores %s', (p, want) => {
    expect(splitName(p)).toEqual(want);
  });

  it.each([
    ['a'.repeat(101), 'too long'],
    [`${'d'.repeat(156)}/a`, 'too long'],
    [`d/${'a'.repeat(101)}`, 'too long'],
    ['/etc/passwd', 'not a relative path'],
    ['a/../b', 'not a relative path'],
    ['./a', 'not a relative path'],
    ['', 'not a relative path'],
  ])('refuses %s', (p, why) => {
    expect(() => splitName(p)).toThrow(why);
  });

  it('counts bytes, not characters (a 51-character name of 2-byte letters is 102 bytes)', () => {
    expect(() => splitName('ä'.repeat(51))).toThrow('too long');
    expect(splitName('ä'.repeat(50))).toEqual(['', 'ä'.repeat(50)]);
  });
});
