// Random combinations of the chart's switches must all render, keep the invariants and keep the
// object set consistent with the switches (fast-check shrinks a failure to its smallest combination).
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RELEASE as R, fixturesDir, names, template } from './helm';
import { checkInvariants } from './invariants';

const combination = fc.record({
  access: fc.constantFrom('router', 'ingress', 'nginx-lb', 'nginx-clusterip'),
  db: fc.constantFrom('statefulset', 'deployment', 'external'),
  mq: fc.constantFrom('off', 'local', 'local-no-storage', 'external'),
  metrics: fc.boolean(),
  tls: fc.constantFrom('off', 'self-signed', 'existing'),
  deploySecrets: fc.boolean(),
  readOnly: fc.boolean(),
  networkPolicy: fc.boolean(),
  hpa: fc.boolean(),
  aes: fc.boolean(),
  dataStreamer: fc.boolean(),
  openshift: fc.boolean(),
  redisExternal: fc.boolean(),
});
type Combination = typeof combination extends fc.Arbitrary<infer T> ? T : never;

function sets(c: Combination): string[] {
  const s = [
    `general.router.enabled=${c.access === 'router'}`,
    `general.ingress_controller=${c.access === 'ingress'}`,
  ];
  if (c.access.startsWith('nginx'))
    s.push(`general.nginx_svc.type=${c.access === 'nginx-lb' ? 'LoadBalancer' : 'ClusterIP'}`);
  s.push(
    `general.db_local=${c.db !== 'external'}`,
    `general.statefulset.enabled=${c.db === 'statefulset'}`,
  );
  if (c.mq !== 'off')
    s.push(
      'general.mq.enabled=true',
      `general.mq.local=${c.mq !== 'external'}`,
      `general.mq.metrics=${c.metrics}`,
      'secrets.mq.user=mq',
      'secrets.mq.password=mq-pass',
    );
  if (c.tls !== 'off') {
    s.push('general.internal_tls.enabled=true');
    if (c.tls === 'self-signed')
      s.push(
        'general.internal_tls.certificates.source=generate_self_signed_certificates',
        'general.internal_tls.certificates.verification=false',
      );
    else
      for (const k of [
        'frontend',
        'keycloak',
        'keycloak_cluster',
        'redis',
        'rabbitmq',
        'data_streamer',
      ])
        s.push(
          `general.internal_tls.certificates.existing_certificates.${k}=tls-${k.replace('_', '-')}`,
        );
  }
  s.push(
    `general.deploy_secrets.enabled=${c.deploySecrets}`,
    `general.readOnlyRootFilesystem=${c.readOnly}`,
  );
  if (c.networkPolicy)
    s.push('general.networkPolicy.enabled=true', 'general.networkPolicy.ingress.enabled=true');
  if (c.hpa)
    s.push('deployments.backend.hpa.enabled=true', 'deployments.frontend.hpa.enabled=true');
  if (c.aes)
    s.push(
      'general.api_keys_encryption.enabled=true',
      'secrets.api_keys_encryption.aes_key=00112233445566778899aabbccddeeff',
    );
  s.push(
    `general.data_streamer.enabled=${c.dataStreamer}`,
    `general.openshift=${c.openshift}`,
    `deployments.redis.external.enabled=${c.redisExternal}`,
  );
  return s;
}

describe('chart render: combinations of switches', () => {
  it('renders every combination, keeping invariants and the objects the switches ask for', () => {
    fc.assert(
      fc.property(combination, (c) => {
        // storage is a string ("0", not 0): --set-string, as the schema wants.
        const setString = c.mq === 'local-no-storage' ? ['general.mq.storage=0'] : [];
        const objs = template([path.join(fixturesDir, 'base.yaml')], { set: sets(c), setString });
        if (!c.openshift) checkInvariants(objs);
        const got = names(objs);
        expect(got.includes(`StatefulSet/${R}-mysql`)).toBe(c.db === 'statefulset');
        expect(got.includes(`Deployment/${R}-mysql`)).toBe(c.db === 'deployment');
        expect(got.includes(`StatefulSet/${R}-mq`)).toBe(
          c.mq === 'local' || c.mq === 'local-no-storage',
        );
        expect(got.includes(`Deployment/${R}-router`)).toBe(c.access === 'router');
        // docs/chart-3.9.4.md §14: on OpenShift without the router the clients Ingress exists in both legacy modes; the admin one never.
        expect(got.includes(`Ingress/${R}-clients`)).toBe(
          c.access === 'ingress' || (c.openshift && c.access !== 'router'),
        );
        expect(got.includes(`Ingress/${R}-keycloak-admin`)).toBe(
          c.access === 'ingress' && !c.openshift,
        );
        expect(got.includes(`Deployment/${R}-nginx`)).toBe(c.access.startsWith('nginx'));
        expect(got.includes(`Deployment/${R}-redis`)).toBe(!c.redisExternal);
        expect(got.includes(`Deployment/${R}-data-streamer`)).toBe(c.dataStreamer);
        expect(got.includes(`Secret/${R}-backend`)).toBe(c.deploySecrets);
        expect(got.includes(`Secret/${R}-frontend-cert`)).toBe(c.tls === 'self-signed');
        expect(got.includes(`NetworkPolicy/${R}-network-policy`)).toBe(c.networkPolicy);
        expect(got.includes(`HorizontalPodAutoscaler/${R}-backend`)).toBe(c.hpa);
      }),
      { numRuns: Number(process.env.CHART_COMBINATIONS ?? 20) },
    );
  }, 120_000);
});
