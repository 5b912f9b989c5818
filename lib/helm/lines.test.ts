import { describe, expect, it } from 'vitest';
import { lineSplitter, MAX_LINE } from './lines';

function split(chunks: string[]): string[] {
  const got: string[] = [];
  const s = lineSplitter((l) => got.push(l));
  for (const c of chunks) s.push(c);
  s.flush();
  return got;
}

describe('lineSplitter', () => {
  it.each([
    [['a\nb\n'], ['a', 'b']],
    [
      ['a', 'b\nc'],
      ['ab', 'c'],
    ],
    [
      ['a\r\n', '\n'],
      ['a', ''],
    ],
    [['no newline'], ['no newline']],
    [[''], []],
    [['x\n'], ['x']],
  ])('%j -> %j', (chunks, want) => {
    expect(split(chunks)).toEqual(want);
  });

  it('cuts a line longer than MAX_LINE and keeps one of exactly MAX_LINE', () => {
    expect(split(['y'.repeat(MAX_LINE) + '\n'])).toEqual(['y'.repeat(MAX_LINE)]);
    expect(split(['y'.repeat(MAX_LINE + 1) + '\n'])).toEqual([`${'y'.repeat(MAX_LINE)}…`]);
  });
});
