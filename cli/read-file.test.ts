import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RequestProblems } from '../lib/target';
import { readStructuredFile, readTextFile } from './read-file';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const SECRET = 'Sup3r-S3cret-Line-77';
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
/** The problems a read throws (fails the test when it does not throw them). */
function problems(read: () => unknown) {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(RequestProblems);
    expect((e as Error).message).not.toContain(SECRET);
    return (e as RequestProblems).problems;
  }
  throw new Error('no problem reported');
}

describe('readStructuredFile', () => {
  it('reads *.json as JSON and anything else as YAML 1.2', () => {
    expect(readStructuredFile(file('a.json', '{"a": "yes", "b": [1]}'))).toEqual({
      a: 'yes',
      b: [1],
    });
    // YAML 1.2: `yes` is a string and `0o17` an octal number (YAML 1.1 would differ on both).
    expect(readStructuredFile(file('a.yaml', 'a: yes\nb: 0o17\n'))).toEqual({ a: 'yes', b: 15 });
    expect(readStructuredFile(file('a.yml', 'a: 1\n'))).toEqual({ a: 1 });
  });

  it('JSON in a .yaml file is YAML too; YAML in a .json file is not JSON', () => {
    expect(readStructuredFile(file('j.yaml', '{"a": 1}'))).toEqual({ a: 1 });
    expect(problems(() => readStructuredFile(file('y.json', 'a: 1\n')))).toEqual([
      { path: path.join(dir, 'y.json'), message: 'not valid YAML/JSON.' },
    ]);
  });

  it.each([
    ['bad.yaml', `license: [${SECRET}\n`],
    ['escape.yaml', `password: "${SECRET}\\q"\n`],
    ['header.yaml', `password: |${SECRET}\n  x\n`],
    ['bad.json', `{"password": "${SECRET}",}`],
  ])('%s: names the file, never its content', (name, text) => {
    const f = file(name, text);
    expect(problems(() => readStructuredFile(f))).toEqual([
      { path: f, message: 'not valid YAML/JSON.' },
    ]);
  });

  it('a repeated key is an error; distinct keys are not', () => {
    const f = file('dup.yaml', `a: 1\na: ${SECRET}\n`);
    expect(problems(() => readStructuredFile(f))).toEqual([
      { path: f, message: 'not valid YAML/JSON.' },
    ]);
    expect(readStructuredFile(file('nodup.yaml', 'a: 1\nb: 2\n'))).toEqual({ a: 1, b: 2 });
  });

  it("yaml's warnings, which print the line, are not emitted", () => {
    const warned = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const console_ = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readStructuredFile(file('tag.yaml', `password: !secret ${SECRET}\n`))).toEqual({
      password: SECRET,
    });
    expect(warned).not.toHaveBeenCalled();
    expect(console_).not.toHaveBeenCalled();
  });

  it('a file that cannot be read names the system code', () => {
    const f = path.join(dir, 'missing.yaml');
    expect(problems(() => readStructuredFile(f))).toEqual([
      { path: f, message: 'cannot read the file (ENOENT).' },
    ]);
    expect(problems(() => readTextFile(dir))).toEqual([
      { path: dir, message: 'cannot read the file (EISDIR).' },
    ]);
  });
});
