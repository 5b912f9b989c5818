// The internal TLS Secrets check with the real gatherer against the local cluster: chart 3.50's
// artifacts Secret missing fails naming it, an Opaque one with tls.crt/tls.key fails on its type,
// a kubernetes.io/tls one passes (docs/chart-3.50.md T6).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { Answers } from '@/lib/answers';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
import { preflightChecks } from '@/lib/preflight';
import { runOne } from '@/lib/preflight/runner';
import { requireCluster, uniqueNs } from '../cluster/helpers';

const ns = uniqueNs('pf-tls');
let kc: k8s.KubeConfig;
const certs = path.resolve(__dirname, '../../examples/certs');
const PEM = {
  'tls.crt': readFileSync(path.join(certs, 'server.crt'), 'utf8'),
  'tls.key': readFileSync(path.join(certs, 'server.key'), 'utf8'),
};

const secret = (name: string, type: string) =>
  kc.makeApiClient(k8s.CoreV1Api).createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name }, type, stringData: PEM },
  });

async function check() {
  const a: Answers = {
    ...validAnswers(),
    chart: '3.50.0',
    internalTls: {
      mode: 'existing',
      verification: false,
      caSecretName: '',
      certificates: {
        frontend: 'shared-tls',
        keycloak: 'shared-tls',
        keycloakCluster: '',
        redis: 'shared-tls',
        rabbitmq: '',
        artifacts: 'art-tls',
      },
    },
  };
  const c = preflightChecks(
    { answers: a, context: null, namespace: ns, release: 'lr' },
    { kube: { kc } },
  ).find((x) => x.id === 'tls-secrets')!;
  return runOne(c);
}

beforeAll(async () => {
  ({ kc } = await requireCluster());
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  await secret('shared-tls', 'kubernetes.io/tls');
});

afterAll(async () => {
  if (kc)
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => {});
});

describe('internal TLS Secrets, chart 3.50 (real cluster)', () => {
  it('the artifacts Secret missing: named, with the answer that names it', async () => {
    const v = await check();
    expect(v).toMatchObject({
      status: 'fail',
      message: `Secret art-tls (internalTls.certificates.artifacts) does not exist in namespace ${ns}: the pods that mount it cannot start.`,
    });
  });

  it('an Opaque Secret with tls.crt and tls.key fails on its type; no value reaches the result', async () => {
    await secret('art-tls', 'Opaque');
    const v = await check();
    expect(v.status).toBe('fail');
    expect(v.message).toBe(
      'Secret art-tls (internalTls.certificates.artifacts) is of type Opaque, not kubernetes.io/tls.',
    );
    expect(JSON.stringify(v)).not.toContain('BEGIN');
  });

  it('a kubernetes.io/tls Secret passes', async () => {
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .deleteNamespacedSecret({ name: 'art-tls', namespace: ns });
    await secret('art-tls', 'kubernetes.io/tls');
    expect(await check()).toMatchObject({
      status: 'pass',
      message: `shared-tls and art-tls are kubernetes.io/tls Secrets in namespace ${ns}.`,
    });
  });
});
