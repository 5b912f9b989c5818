import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags } from './flags';

const spec = { value: new Set(['--out', '--namespace']), bool: new Set(['--yes']) };

describe('parseFlags', () => {
  it('reads value and boolean flags after the command; a later flag wins', () => {
    expect([
      ...parseFlags(['cmd', '--out', 'f', '--yes', '--namespace', 'a', '--namespace', 'b'], spec),
    ]).toEqual([
      ['--out', 'f'],
      ['--yes', 'true'],
      ['--namespace', 'b'],
    ]);
    expect(parseFlags(['cmd'], spec).size).toBe(0);
  });

  it('a value that looks like a flag is still the value (the flag asked for one)', () => {
    expect(parseFlags(['cmd', '--out', '--yes'], spec).get('--out')).toBe('--yes');
  });

  it.each([
    [['cmd', '--out'], '--out', 'needs-value', '--out needs a value.'],
    [['cmd', '--bogus'], '--bogus', 'unknown', 'Unknown option --bogus.'],
    [['cmd', 'positional'], 'positional', 'unknown', 'Unknown option positional.'],
    [['cmd', '--yes', 'x'], 'x', 'unknown', 'Unknown option x.'],
  ])('%j → %s %s', (argv, flag, problem, message) => {
    try {
      parseFlags(argv, spec);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FlagError);
      expect(e).toMatchObject({ flag, problem, message });
    }
  });

  it('without boolean flags, --yes is unknown', () => {
    expect(() => parseFlags(['cmd', '--yes'], { value: spec.value })).toThrow(
      'Unknown option --yes.',
    );
  });
});
