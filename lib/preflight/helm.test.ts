// The helm check per planned chart: 3.50.0 needs helm 3.17 or later (docs/chart-3.50.md §2), 3.9.4
// keeps what findHelm accepts (3.12+). No helm runs here: the locator is a stand-in.
import { describe, expect, it } from 'vitest';
import { HelmNotFoundError, type HelmBinary } from '../helm/find-helm';
import { checkHelmVersion, helmForChart, HelmTooOldForChartError } from './helm';

const helm = (raw: string): HelmBinary => {
  const [major, minor, patch] = raw.replace(/^v/, '').split(/[.+-]/).map(Number) as number[];
  return {
    path: '/opt/helm',
    source: 'HELM',
    version: { raw, major: major as 3 | 4, minor: minor!, patch: patch! },
  };
};
const check = (chart: '3.9.4' | '3.50.0', raw: string) =>
  checkHelmVersion(helmForChart(chart, async () => helm(raw)));

describe('the helm check per chart', () => {
  it.each([
    ['3.50.0', 'v3.16.4', 'fail'],
    ['3.50.0', 'v3.17.0', 'pass'],
    ['3.50.0', 'v3.22.0+g1234abc', 'pass'],
    ['3.50.0', 'v4.0.0', 'pass'],
    ['3.9.4', 'v3.16.4', 'pass'],
    ['3.9.4', 'v3.12.0', 'pass'],
  ] as const)('chart %s with helm %s: %s', async (chart, raw, status) => {
    expect((await check(chart, raw)).status).toBe(status);
  });

  it('names the helm found, the minimum and the way out', async () => {
    expect(await check('3.50.0', 'v3.16.4')).toEqual({
      status: 'fail',
      message:
        'helm v3.16.4 (/opt/helm, from HELM) is older than 3.17, the oldest helm chart 3.50.0 supports (docs/chart-3.50.md §2).',
      fix: 'Install helm 3.17+ or helm 4 and put it on PATH (or set HELM to its path), or plan chart 3.9.4 (the chart answer), which helm 3.12+ installs.',
    });
    expect(await check('3.50.0', 'v3.17.0')).toEqual({
      status: 'pass',
      message: 'helm v3.17.0 (/opt/helm, from HELM) is supported.',
      fix: '',
    });
  });

  it('the refusal is a HelmNotFoundError, so the dry run skips as for no helm at all', async () => {
    const locate = helmForChart('3.50.0', async () => helm('v3.16.4'));
    await expect(locate()).rejects.toBeInstanceOf(HelmTooOldForChartError);
    await expect(locate()).rejects.toBeInstanceOf(HelmNotFoundError);
  });

  it('no helm at all keeps its own message and fix', async () => {
    const v = await checkHelmVersion(
      helmForChart('3.50.0', async () => {
        throw new HelmNotFoundError('No helm found.');
      }),
    );
    expect(v).toEqual({
      status: 'fail',
      message: 'No helm found.',
      fix: 'Install helm 3.12+ or helm 4 and put it on PATH (or set HELM to its path).',
    });
  });
});
