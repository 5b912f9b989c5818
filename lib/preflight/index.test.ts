// Which checks the preflight plans for which answers, in what order, with what budget, and how a
// cluster check behaves when there is no cluster: all without a cluster or a network (no check
// that would reach out is run here; test/preflight/*.cluster.test.ts run them for real).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault } from '../answers/branches';
import type { Answers } from '../answers';
import type { HelmBinary } from '../helm/find-helm';
import { plansExternalProbes, preflightChecks, TIMEOUTS } from './index';
import { decideThrottled } from './probe-limit';

const plan = (a: Answers, deps: Parameters<typeof preflightChecks>[1] = { kube: { error: 'x' } }) =>
  preflightChecks({ answers: a, context: null, namespace: 'lr-ns', release: 'lr' }, deps);
const ids = (a: Answers) => plan(a).map((c) => c.id);

/** Answers that plan no optional check: no volume, no autoscaler, no inline certificate, no external service. */
function fewest(): Answers {
  const a = validAnswers();
  a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: [] };
  a.database = {
    ...branchDefault('database', 'local'),
    storage: branchDefault('database.storage', 'ephemeral'),
    user: 'u',
    password: 'p',
  } as Answers['database'];
  a.certificate = { source: 'existing', secretName: 'tls' } as Answers['certificate'];
  return a;
}

/** Answers that plan every check there is. */
function every(): Answers {
  const a = validAnswers();
  a.database = {
    ...branchDefault('database', 'external'),
    endpoint: 'db.corp',
    user: 'u',
    password: 'p',
  } as Answers['database'];
  a.messageQueue = {
    ...branchDefault('messageQueue', 'local'),
    user: 'mq',
    password: 'mqpass',
  } as Answers['messageQueue'];
  a.sizing.backend.hpa.enabled = true;
  a.pullSecret = {
    mode: 'inline',
    configContent: Buffer.from('{"auths":{}}').toString('base64'),
  } as Answers['pullSecret'];
  a.registry = {
    mode: 'private',
    host: 'registry.corp',
    prefix: '',
    insecure: false,
    tokenHost: '',
  };
  return a;
}

describe('preflightChecks: the plan', () => {
  it('always: the API server, the cluster, helm and the dry run, in display order', () => {
    expect(ids(fewest())).toEqual([
      'api',
      'nodes',
      'permissions',
      'namespace',
      'release',
      'capacity',
      'helm',
      'dry-run',
    ]);
  });

  it('every optional check, each where it belongs in the order', () => {
    expect(ids(every())).toEqual([
      'api',
      'nodes',
      'permissions',
      'namespace',
      'release',
      'external-access',
      'storage',
      'capacity',
      'metrics',
      'certificate',
      'database',
      'pull-secret',
      'registry-images',
      'helm',
      'dry-run',
    ]);
  });

  it('an external message queue is checked after the database', () => {
    const a = every();
    a.messageQueue = {
      ...branchDefault('messageQueue', 'external'),
      endpoint: 'mq.corp',
      user: 'mq',
      password: 'mqpass',
    } as Answers['messageQueue'];
    expect(ids(a).slice(ids(a).indexOf('database'), ids(a).indexOf('database') + 2)).toEqual([
      'database',
      'message-queue',
    ]);
  });

  it('a chart 3.50 plan with an external queue plans the queue check as 3.9.4 does', () => {
    const a = every();
    a.chart = '3.50.0';
    a.messageQueue = {
      ...branchDefault('messageQueue', 'external'),
      endpoint: 'mq.corp',
      user: 'mq',
      password: 'mqpass',
    } as Answers['messageQueue'];
    expect(ids(a)).toContain('message-queue');
  });

  it('Secrets outside the chart are checked for a 3.50 plan only, after the capacity checks', () => {
    const a = every();
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    expect(ids(a)).not.toContain('secrets');
    a.chart = '3.50.0';
    expect(ids(a).slice(ids(a).indexOf('metrics'), ids(a).indexOf('metrics') + 2)).toEqual([
      'metrics',
      'secrets',
    ]);
    a.secrets = validAnswers().secrets;
    expect(ids(a)).not.toContain('secrets');
  });

  it('internal TLS from existing Secrets plans their check, with either chart, after the Secrets', () => {
    const a = every();
    expect(ids(a)).not.toContain('tls-secrets');
    a.internalTls = {
      mode: 'existing',
      verification: false,
      caSecretName: 'ca',
      certificates: {
        frontend: 't',
        keycloak: 't',
        keycloakCluster: '',
        redis: 't',
        rabbitmq: 't',
      },
    };
    const at = (x: Answers) => ids(x).indexOf('tls-secrets');
    expect(ids(a)[at(a) - 1]).toBe('metrics');
    a.chart = '3.50.0';
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    expect(ids(a)[at(a) - 1]).toBe('secrets');
    a.internalTls = { mode: 'self-signed' };
    expect(ids(a)).not.toContain('tls-secrets');
  });

  it.each([
    ['external-access', (a: Answers) => (a.externalAccess = every().externalAccess)],
    [
      'storage',
      (a: Answers) => {
        if (a.database.mode === 'local')
          a.database.storage = branchDefault(
            'database.storage',
            'persistent',
          ) as typeof a.database.storage;
      },
    ],
    ['metrics', (a: Answers) => (a.sizing.frontend.hpa.enabled = true)],
    ['certificate', (a: Answers) => (a.certificate = validAnswers().certificate)],
    ['pull-secret', (a: Answers) => (a.pullSecret = every().pullSecret)],
    ['registry-images', (a: Answers) => (a.registry = every().registry)],
  ])('%s is planned by its own answer alone', (id, edit) => {
    const a = fewest();
    expect(ids(a)).not.toContain(id);
    edit(a);
    expect(ids(a).filter((x) => !ids(fewest()).includes(x))).toEqual([id]);
  });

  it('an inline certificate without its text plans no certificate check', () => {
    const a = fewest();
    a.certificate = { source: 'inline', crt: '', key: '' };
    expect(ids(a)).not.toContain('certificate');
  });

  it('titles and budgets', () => {
    expect(plan(every()).map((c) => [c.id, c.title, c.timeoutMs])).toEqual([
      ['api', 'API server and Kubernetes version', TIMEOUTS.api],
      ['nodes', 'Nodes: kernel, OS and architecture', TIMEOUTS.nodes],
      ['permissions', 'Permissions', TIMEOUTS.permissions],
      ['namespace', 'Namespace', TIMEOUTS.namespace],
      ['release', 'Existing release', TIMEOUTS.release],
      ['external-access', 'External access', TIMEOUTS.access],
      ['storage', 'Storage', TIMEOUTS.storage],
      ['capacity', 'Capacity', TIMEOUTS.capacity],
      ['metrics', 'Metrics API for autoscaling', TIMEOUTS.metrics],
      ['certificate', 'Server certificate', TIMEOUTS.certificate],
      ['database', 'External database', TIMEOUTS.database],
      ['pull-secret', 'Image pull secret', TIMEOUTS.pullSecret],
      ['registry-images', 'Images in the private registry', TIMEOUTS.registry],
      ['helm', 'helm', TIMEOUTS.helm],
      ['dry-run', 'Server-side dry run', TIMEOUTS.dryRun],
    ]);
  });
});

describe('preflightChecks without a cluster', () => {
  const signal = new AbortController().signal;
  const helm: HelmBinary = {
    path: '/opt/helm',
    source: 'HELM',
    version: { raw: 'v3.15.0', major: 3, minor: 15, patch: 0 },
  } as HelmBinary;
  const checks = plan(every(), {
    kube: { error: 'no kubeconfig (test)' },
    helm: async () => helm,
  });
  const run = (id: string) => checks.find((c) => c.id === id)!.run(signal);

  it('the API server check fails with the reason the connection could not be built', async () => {
    expect(await run('api')).toMatchObject({
      status: 'fail',
      message: 'The API server is not reachable: no kubeconfig (test).',
    });
  });

  it.each(['nodes', 'permissions', 'namespace', 'release', 'external-access', 'storage'])(
    'the cluster check %s is skipped, pointing at the API server check',
    async (id) => {
      expect(await run(id)).toMatchObject({
        status: 'fail',
        message: 'Skipped: the API server is not reachable.',
        fix: 'Fix the cluster connection first (see the API server check).',
      });
    },
  );

  it.each(['capacity', 'metrics', 'dry-run'])('and so is %s', async (id) => {
    expect((await run(id)).message).toBe('Skipped: the API server is not reachable.');
  });

  it('helm is asked of the locator given', async () => {
    expect(await run('helm')).toMatchObject({
      status: 'pass',
      message: 'helm v3.15.0 (/opt/helm, from HELM) is supported.',
    });
  });

  it('helm 3.15 is too old for a 3.50 plan (3.17+), and the dry run is then skipped', async () => {
    const a = every();
    a.chart = '3.50.0';
    const c = plan(a, { kube: { error: 'x' }, helm: async () => helm });
    expect(await c.find((x) => x.id === 'helm')!.run(signal)).toMatchObject({
      status: 'fail',
      message:
        'helm v3.15.0 (/opt/helm, from HELM) is older than 3.17, the oldest helm chart 3.50.0 supports (docs/chart-3.50.md §2).',
    });
  });

  it("the pull secret is decided from the answers' own config", async () => {
    expect(await run('pull-secret')).toMatchObject({
      status: 'fail',
      message: 'The pull secret has no "auths" entry.',
    });
  });
});

describe('preflightChecks: a caller over its probe budget', () => {
  it('gets every check that would connect to a host of the answers skipped, the others planned as ever', async () => {
    const a = every();
    a.messageQueue = {
      ...branchDefault('messageQueue', 'external'),
      endpoint: 'mq.corp',
      user: 'mq',
      password: 'mqpass',
    } as Answers['messageQueue'];
    const checks = plan(a, { kube: { error: 'x' }, probesRetryAfter: 42 });
    const external = checks.filter((c) =>
      ['database', 'message-queue', 'registry-images'].includes(c.id),
    );
    expect(external.map((c) => c.id)).toEqual(['database', 'message-queue', 'registry-images']);
    for (const c of external)
      expect(await c.run(new AbortController().signal)).toEqual(decideThrottled(42));
    expect(plansExternalProbes(a)).toBe(true);
    expect(plansExternalProbes(fewest())).toBe(false);
  });
});

describe("the API server check against the planned chart's minimum", () => {
  // A stand-in API server that answers /version only: 1.28, between 3.9.4's minimum (1.23) and
  // 3.50.0's (1.29, docs/chart-3.50.md §2).
  let server: http.Server;
  let kc: KubeConfig;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ major: '1', minor: '28', gitVersion: 'v1.28.15' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const api = (chart: Answers['chart']) => {
    const a = fewest();
    a.chart = chart;
    const check = plan(a, { kube: { kc } }).find((c) => c.id === 'api')!;
    return check.run(new AbortController().signal);
  };

  it('Kubernetes 1.28 passes for a 3.9.4 plan', async () => {
    expect(await api('3.9.4')).toMatchObject({ status: 'pass' });
  });

  it('and fails for a 3.50 plan, naming 1.29', async () => {
    expect(await api('3.50.0')).toMatchObject({
      status: 'fail',
      message:
        'Kubernetes v1.28.15 is older than 1.29, the oldest version chart 3.50.0 supports (docs/chart-3.50.md §2).',
    });
  });
});
