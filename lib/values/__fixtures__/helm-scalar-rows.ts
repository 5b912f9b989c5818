// How Helm reads each plain scalar (lib/values/helm-scalar.ts): every rule with its boundary and
// the text just past it. The unit table checks helmScalar against it; test/chart/helm-scalars
// checks the real helm v3 and v4 against it.
import type { HelmScalar } from '../helm-scalar';

const v = (value: null | boolean | number | string): HelmScalar => ({ value });
const text = (s: string): [string, HelmScalar] => [s, v(s)];
// An integer past 2^53 as JavaScript holds it: the nearest double to the digits (Number() of the
// text, not a literal that would round silently). Helm's own 64-bit reading comes back the same
// way through JSON.
const wide = (digits: string): HelmScalar => v(Number(digits));

export const HELM_SCALAR_ROWS: [source: string, read: HelmScalar][] = [
  // the words: every spelling go-yaml lists, and one it does not
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, HelmScalar] => [s, v(null)]),
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, HelmScalar] => [s, v(true)]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, HelmScalar] => [s, v(false)]),
  text('nULL'), text('yES'), text('oN'), text('tRUE'), text('nil'), text('None'),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, HelmScalar] => [s, { unsupported: 'NaN' }]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, HelmScalar] => [s, { unsupported: '+Inf' }]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, HelmScalar] => [s, { unsupported: '-Inf' }]),
  text('.nAn'), text('-.nan'), text('.infinity'), text('inf'), text('+inf'), text('NaN'),
  // integers: decimal, Go's base prefixes in either case, a leading 0 as octal
  ['0', v(0)], ['7', v(7)], ['123', v(123)], ['+12', v(12)], ['-12', v(-12)], ['-0', v(0)],
  ['00', v(0)], ['0123', v(83)], ['017', v(15)], ['-017', v(-15)],
  ['0o17', v(15)], ['0O17', v(15)], ['-0o17', v(-15)], text('0o18'), text('0o'),
  ['0x1F', v(31)], ['0X1f', v(31)], ['+0x1F', v(31)], ['-0x1F', v(-31)], text('0x1G'), text('0x'),
  ['0b101', v(5)], ['0B11', v(3)], ['-0b101', v(-5)], text('0b102'), text('0b'),
  // 08 and 09 are no octal: they are read as the decimal floats 8 and 9
  ['08', v(8)], ['09', v(9)], ['0128', v(128)],
  // underscores are dropped wherever they stand (but a text starting with one is text)
  ['1_000', v(1000)], ['1__0', v(10)], ['1_', v(1)], ['0x_1F', v(31)], ['0_17', v(15)], ['+_1', v(1)], text('_1'), text('_'),
  // the 64-bit bounds: int64 with a sign, uint64 without one, beyond that a float or text
  ['9223372036854775807', wide('9223372036854775807')], ['-9223372036854775808', wide('-9223372036854775808')],
  ['18446744073709551615', wide('18446744073709551615')], ['18446744073709551616', wide('18446744073709551616')],
  ['+9223372036854775808', wide('9223372036854775808')], ['-9223372036854775809', wide('-9223372036854775809')],
  ['0xFFFFFFFFFFFFFFFF', wide('18446744073709551615')], text('0x10000000000000000'), text('-0x8000000000000001'), ['-0x8000000000000000', wide('-9223372036854775808')],
  text('0b' + '1'.repeat(65)), text('+0x8000000000000000'), text('+0xFFFFFFFFFFFFFFFF'), ['+0x7FFFFFFFFFFFFFFF', wide('9223372036854775807')], ['+0o17', v(15)], ['0b' + '1'.repeat(64), wide('18446744073709551615')],
  // an octal beyond 64 bits is read as a decimal float of its digits
  ['0' + '7'.repeat(23), v(Number('7'.repeat(23)))],
  // floats: go-yaml's syntax, after the underscores are dropped
  ['1.5', v(1.5)], ['1.', v(1)], ['-1.5', v(-1.5)], ['+.5', v(0.5)], ['-.5', v(-0.5)], ['1e3', v(1000)], ['1E3', v(1000)], ['1e+3', v(1000)], ['1.5e-3', v(0.0015)], ['1.e2', v(100)],
  ['1_000.5', v(1000.5)], ['1.5_0', v(1.5)], ['-0.0', v(-0)], ['1e-400', v(0)],
  text('1e'), text('1e+'), text('1.5.0'), text('1e3.5'), text('0x1p3'), text('1e400'), text('-1e400'), text('+'), text('1-'),
  // a text starting with '.': Go's float syntax, underscores only between digits
  ['.5', v(0.5)], ['.5e3', v(500)], ['.5E-1', v(0.05)], ['.5_0', v(0.5)], ['.1_2e1_0', v(0.12e10)],
  text('.'), text('.e3'), text('._5'), text('.5_'), text('.5__0'), text('.5e'), text('.5e_1'), text('.5x'), text('.5e400'),
  // no base 60, no dates, no other Go syntax
  text('1:30'), text('190:20:30.15'), text('-1:30'), text('2001-12-14'), text('2001-12-14t21:59:43.10-05:00'), text('2001-12-14 21:59:43.10'),
  text('1,000'), text('12h'), text('1Gi'), text('10.0.0.1'), text('1.2.3'), text('v1'), text('<<'), text('a'), text('-a'),
];
