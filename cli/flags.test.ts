import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, parseFlagsAsProblems } from './flags';
import { RequestProblems } from '../lib/target';

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

describe('parseFlagsAsProblems', () => {
  const spec = { value: new Set(['--out']), bool: new Set(['--yes']) };
  it('passes the flags through', () => {
    expect([...parseFlagsAsProblems(['cmd', '--out', 'f', '--yes'], spec)]).toEqual([
      ['--out', 'f'],
      ['--yes', 'true'],
    ]);
  });
  it('an unknown flag or a missing value is a problem on the flag', () => {
    for (const [argv, message] of [
      [['cmd', '--bogus'], 'unknown option.'],
      [['cmd', '--out'], 'needs a value.'],
    ] as const) {
      try {
        parseFlagsAsProblems(argv, spec);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RequestProblems);
        expect((e as RequestProblems).problems).toEqual([{ path: argv[1], message }]);
      }
    }
  });
});
