import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isYamlAmbiguous } from './yaml-ambiguous';

// G6: a value the chart renders unquoted must read back as the same string. Every notation YAML
// 1.1 (Helm's parser) reads as a boolean, null or number, and the near misses that stay text.
const AMBIGUOUS = [
  'y',
  'N',
  'Yes',
  'NO',
  'on',
  'Off',
  'TRUE',
  'false',
  'null',
  'Null',
  '~',
  '0',
  '123',
  '0123',
  '-1',
  '+1',
  '1_000',
  '1.',
  '1.5',
  '.5',
  '+.5',
  '1e3',
  '1E3',
  '1.5e-3',
  '.5e3',
  '-.5e+2',
  '0x1f',
  '0x1F',
  '0x_1',
  '0o17',
  '017',
  '0b101',
  '1:30',
  '1:30:45',
  '1:5',
  '.inf',
  '-.Inf',
  '.NaN',
];
const TEXT = [
  '',
  'yes-no',
  'nully',
  'onn',
  'o',
  'a1',
  '1x',
  '0x',
  '0xg',
  '0o',
  '0o8',
  '0b',
  '0b102',
  '12a',
  '1.2.3',
  '1e',
  '1:60',
  ':30',
  '1-2',
  'inf',
  '.info',
  'nan',
];

describe('isYamlAmbiguous', () => {
  it.each(AMBIGUOUS)('%j is not a string to YAML 1.1 or 1.2', (s) => {
    expect(isYamlAmbiguous(s)).toBe(true);
    // the table itself is right: at least one of the two readings is not the text
    expect([parse(s, { version: '1.1' }), parse(s, { version: '1.2' })].every((v) => v === s)).toBe(
      false,
    );
  });

  it.each(TEXT)('%j stays text', (s) => {
    expect(isYamlAmbiguous(s)).toBe(false);
    expect(parse(s, { version: '1.1' }) ?? '').toBe(s);
    expect(parse(s, { version: '1.2' }) ?? '').toBe(s);
  });
});
