// cli upgrade's flags (cli/upgrade.ts): what it asks of the job, and exit 2 for bad input.
import { describe, expect, it } from 'vitest';
import { runUpgradeCommand, upgradeRequest, UPGRADE_USAGE } from './upgrade';

describe('cli upgrade', () => {
  it('asks for the release, the namespace, the target and, when given, the typed phrase', () => {
    expect(
      upgradeRequest(['upgrade', '--release', 'acme', '--namespace', 'ns', '--to', '3.50.0']),
    ).toEqual({
      release: 'acme',
      namespace: 'ns',
    });
    expect(
      upgradeRequest([
        'upgrade',
        '--release',
        'acme',
        '--namespace',
        'ns',
        '--to',
        '3.50.0',
        '--chart',
        'bundled',
        '--i-have-my-own-backup',
        '--timeout',
        '300',
      ]),
    ).toEqual({
      release: 'acme',
      namespace: 'ns',
      chart: { source: 'bundled' },
      ownBackup: 'I have my own backup',
      timeoutSeconds: 300,
    });
  });
  it.each([
    [['upgrade', '--release', 'acme', '--to', '3.50.0'], '--namespace: is required.'],
    [['upgrade', '--release', 'acme', '--namespace', 'ns'], '--to: is required.'],
    [
      ['upgrade', '--release', 'acme', '--namespace', 'ns', '--to', '3.9.4'],
      '--to: The guided upgrade goes from chart 3.9.4 to 3.50.0 only.',
    ],
    [
      ['upgrade', '--release', 'acme', '--namespace', 'ns', '--to', '3.50.0', '--timeout', '5'],
      '--timeout: Give whole seconds from 30 to 3600.',
    ],
    [['upgrade', '--release', 'acme', '--namespace', 'ns', '--to', '3.50.0', '--yes'], '--yes'],
  ])('%j: exit 2 with the problem and the usage, nothing started', async (argv, problem) => {
    let err = '';
    expect(await runUpgradeCommand(argv, (s) => void (err += s))).toBe(2);
    expect(err).toContain(problem);
    expect(err).toContain(UPGRADE_USAGE);
  });
});
