// The chart 3.50 check of the Secrets kept outside the chart, with the real gatherer against the
// local cluster: a backend Secret without encryption-key-0 fails, with it passes; a missing
// Keycloak Secret fails (docs/chart-3.50.md §9, §10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { Answers } from '@/lib/answers';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
import { branchDefault } from '@/lib/answers/branches';
import { preflightChecks } from '@/lib/preflight';
import { runOne } from '@/lib/preflight/runner';
import { requireCluster, uniqueNs } from '../cluster/helpers';

const ns = uniqueNs('pf-secrets');
let kc: k8s.KubeConfig;

const BACKEND = [
  'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD',
  'SPRING_MAIL_PASSWORD',
  'SPRING_DATASOURCE_USERNAME',
  'SPRING_FLYWAY_USER',
  'SPRING_DATASOURCE_PASSWORD',
  'SPRING_FLYWAY_PASSWORD',
  'KEYSTORE_PASSWORD',
  'LICENSE_CONTENT',
  'LICENSE_SIGNATURE',
  'SPRING_RABBITMQ_USERNAME',
  'SPRING_RABBITMQ_PASSWORD',
];

const secret = (name: string, keys: string[]) =>
  kc.makeApiClient(k8s.CoreV1Api).createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: { name },
      stringData: Object.fromEntries(keys.map((k) => [k, `value-of-${k.toLowerCase()}`])),
    },
  });

async function check() {
  const a: Answers = validAnswers();
  a.chart = '3.50.0';
  a.secrets = { mode: 'existing', backend: 'be', keycloak: 'kc', apiKeysEncryption: '' };
  a.messageQueue = {
    ...branchDefault('messageQueue', 'local'),
    user: 'mq',
    password: 'mqpass',
  } as Answers['messageQueue'];
  const c = preflightChecks(
    { answers: a, context: null, namespace: ns, release: 'lr' },
    { kube: { kc } },
  ).find((x) => x.id === 'secrets')!;
  return runOne(c);
}

beforeAll(async () => {
  ({ kc } = await requireCluster());
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  if (kc)
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => {});
});

describe('Secrets outside the chart, chart 3.50 (real cluster)', () => {
  it('no Secrets yet: the backend one is named as missing', async () => {
    expect(await check()).toMatchObject({
      status: 'fail',
      message: expect.stringContaining(
        `Secret be (secrets.backend) does not exist in namespace ${ns}.`,
      ),
    });
  });

  it('a backend Secret with 3.9.4’s and the queue keys but no encryption-key-0 fails naming it', async () => {
    await secret('be', BACKEND);
    await secret('kc', ['KEYCLOAK_USER', 'KEYCLOAK_PASSWORD', 'DB_USER', 'DB_PASSWORD']);
    const v = await check();
    expect(v.status).toBe('fail');
    expect(v.message).toMatch(/^Secret be \(secrets\.backend\) lacks encryption-key-0: /);
    // Only key names reach the result, never a value.
    expect(JSON.stringify(v)).not.toContain('value-of-');
  });

  it('with encryption-key-0 it passes', async () => {
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .patchNamespacedSecret(
        { name: 'be', namespace: ns, body: { stringData: { 'encryption-key-0': 'a2V5' } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
    expect(await check()).toMatchObject({
      status: 'pass',
      message: `Secret be holds the 12 keys it needs; Secret kc holds the 4 keys it needs (namespace ${ns}).`,
    });
  });
});
