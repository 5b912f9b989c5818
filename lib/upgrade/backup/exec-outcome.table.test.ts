import { describe, expect, it } from 'vitest';
import { execFailure, exitCodeOf, STDERR_LIMIT, stderrTail } from './exec-outcome';

describe('execFailure', () => {
  it.each([
    ['a success', { status: 'Success' }, 'a warning on stderr\n', null],
    [
      'a kubelet’s NonZeroExitCode status',
      {
        status: 'Failure',
        reason: 'NonZeroExitCode',
        message: 'command terminated with non-zero exit code: exit status 2',
        details: { causes: [{ reason: 'ExitCode', message: '2' }] },
      },
      "mysqldump: Got error: 1045: Access denied for user 'root'@'localhost'\n",
      "mysqldump failed with exit code 2: mysqldump: Got error: 1045: Access denied for user 'root'@'localhost'",
    ],
    [
      'kwok’s internal error naming the exit status',
      {
        status: 'Failure',
        reason: 'InternalError',
        message: 'error executing command in container: cmd wait: sh -c …: exit status 1',
      },
      '',
      'mysqldump failed with exit code 1',
    ],
    [
      'a failure without an exit code',
      { status: 'Failure', reason: 'InternalError', message: 'container not found ("mysql")' },
      '',
      'mysqldump failed (InternalError: container not found ("mysql"))',
    ],
    [
      'a failure naming neither reason, status nor message',
      {},
      '',
      'mysqldump failed (no status: )',
    ],
    [
      'a failure naming only its status',
      { status: 'Failure' },
      'boom\n',
      'mysqldump failed (Failure: ): boom',
    ],
    [
      'no status at all',
      null,
      'partial\n',
      'mysqldump did not finish: the exec connection closed without a status: partial',
    ],
  ])('%s', (_name, status, stderr, want) => {
    expect(execFailure('mysqldump', status, stderr)).toBe(want);
  });
});

describe('exitCodeOf', () => {
  it.each([
    [{ details: { causes: [{ type: 'ExitCode', message: '0' }] } }, 0],
    [{ details: { causes: [{ reason: 'ExitCode', message: '137' }] } }, 137],
    [{ details: { causes: [{ reason: 'ExitCode', message: 'x' }] } }, null],
    [{ details: { causes: [{ reason: 'ExitCode', message: 'x2' }] } }, null],
    [{ details: { causes: [{ reason: 'ExitCode', message: '2x' }] } }, null],
    [{ details: { causes: [{ reason: 'ExitCode', message: '2 ' }] }, message: 'exit status 3' }, 3],
    [{ details: { causes: [{ reason: 'FieldValueInvalid', message: '5' }] } }, null],
    [
      {
        details: {
          causes: [
            { reason: 'FieldValueInvalid', message: '5' },
            { type: 'ExitCode', message: '2' },
          ],
        },
      },
      2,
    ],
    [{ details: {}, message: 'exit status 4' }, 4],
    [{ message: 'exit status 42' }, 42],
    [{ message: 'exit statuses' }, null],
    [{}, null],
  ])('%j → %s', (s, want) => {
    expect(exitCodeOf(s)).toBe(want);
  });
});

describe('stderrTail', () => {
  it('keeps short stderr whole, trimmed', () => {
    expect(stderrTail('  short\n')).toBe('short');
  });
  it('keeps the last STDERR_LIMIT characters of a long one', () => {
    const long = `${'a'.repeat(10)}${'b'.repeat(STDERR_LIMIT)}`;
    expect(stderrTail(long)).toBe(`…${'b'.repeat(STDERR_LIMIT)}`);
    expect(stderrTail('c'.repeat(STDERR_LIMIT))).toBe('c'.repeat(STDERR_LIMIT));
  });
});
