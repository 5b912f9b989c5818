import { describe, expect, it } from 'vitest';
import { jsonDepth } from './json-depth';

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['[[]]', 2],
    ['{"a":[{"b":1}],"c":{}}', 3],
    ['"[[[[{"', 0],
    ['{"a":"\\"[[["}', 1],
    ['{"a":"\\\\","b":[[]]}', 3],
    ['['.repeat(1000), 1000],
  ])('%s → %i', (text, depth) => expect(jsonDepth(text)).toBe(depth));
});
