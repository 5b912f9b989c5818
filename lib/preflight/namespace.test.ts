import { describe, expect, it } from 'vitest';
import { decideNamespace, decideRelease } from './namespace';

describe('decideNamespace', () => {
  it.each([
    [{ exists: true as const, phase: 'Active' }, 'pass', 'Namespace lr exists.'],
    [
      { exists: true as const, phase: 'Terminating' },
      'fail',
      'Namespace lr is being deleted (Terminating).',
    ],
    [
      { exists: false as const, canCreate: true },
      'pass',
      'Namespace lr does not exist yet; it will be created.',
    ],
    [
      { exists: false as const, canCreate: false },
      'fail',
      'Namespace lr does not exist and you may not create namespaces.',
    ],
    [
      { exists: 'unknown' as const, error: 'HTTP 403: forbidden' },
      'warn',
      'Could not read namespace lr: HTTP 403: forbidden.',
    ],
  ])('%j -> %s', (facts, status, message) => {
    expect(decideNamespace('lr', facts)).toMatchObject({ status, message });
  });
});

describe('decideRelease', () => {
  it.each([
    [[], 'pass', 'No release lightrun in lr: this is a fresh install.'],
    [
      [
        { version: 1, status: 'superseded' },
        { version: 2, status: 'deployed' },
      ],
      'pass',
      'Release lightrun (revision 2) in lr is deployed; installing upgrades it.',
    ],
    [
      [
        { version: 3, status: 'pending-upgrade' },
        { version: 2, status: 'deployed' },
      ],
      'fail',
      'Release lightrun (revision 3) in lr is stuck in pending-upgrade: helm refuses to start another operation.',
    ],
    [
      [{ version: 1, status: 'pending-install' }],
      'fail',
      'Release lightrun (revision 1) in lr is stuck in pending-install: helm refuses to start another operation.',
    ],
    [
      [{ version: 2, status: 'pending-rollback' }],
      'fail',
      'Release lightrun (revision 2) in lr is stuck in pending-rollback: helm refuses to start another operation.',
    ],
    [
      [
        { version: 4, status: 'failed' },
        { version: 10, status: 'deployed' },
      ],
      'pass',
      'Release lightrun (revision 10) in lr is deployed; installing upgrades it.',
    ],
    [
      [{ version: 4, status: 'failed' }],
      'warn',
      'Release lightrun (revision 4) in lr is failed; installing upgrades it.',
    ],
    [
      [{ version: 1, status: 'uninstalling' }],
      'fail',
      'Release lightrun (revision 1) in lr is being uninstalled.',
    ],
  ])('%j -> %s', (records, status, message) => {
    expect(decideRelease('lightrun', 'lr', records)).toMatchObject({ status, message });
  });
});
