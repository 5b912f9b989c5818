// The in-cluster manifest's decisions, read back from the objects deploy/*.yaml are made of.
import type { RbacV1Subject, V1PodSpec, V1PolicyRule } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs module without types (the server's own settings parser)
import { serverConfig } from '../../scripts/server/config.mjs';
import { IN_CLUSTER_DEFAULTS, inClusterObjects } from './in-cluster';
import { accessQuestions } from '../preflight/access-needs';

const o = { ...IN_CLUSTER_DEFAULTS, image: 'wizard:test' };
/** The objects as the tests read them: plain data written to be API objects, applied as they are. */
type Manifest = {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: V1PolicyRule[];
  subjects?: RbacV1Subject[];
  spec?: { template: { spec: V1PodSpec } };
};
const manifests = (network: boolean) => inClusterObjects(o, network) as Manifest[];
const kinds = (ms: Manifest[]) =>
  ms.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`);
const podSpec = (ms: Manifest[]) => ms.find((m) => m.kind === 'Deployment')!.spec!.template.spec;
const container = (ms: Manifest[]) => podSpec(ms).containers[0]!;
const envOf = (ms: Manifest[]) =>
  Object.fromEntries(container(ms).env!.map((e) => [e.name, e.value]));

describe('inClusterObjects', () => {
  it('loopback file: namespaces, ServiceAccount, RBAC, Deployment — no Service', () => {
    expect(kinds(manifests(false))).toEqual([
      'Namespace//lightrun-wizard',
      'Namespace//lightrun',
      'ServiceAccount/lightrun-wizard/lightrun-wizard',
      'Role/lightrun/lightrun-wizard',
      'RoleBinding/lightrun/lightrun-wizard',
      'ClusterRole//lightrun-wizard-reads',
      'ClusterRoleBinding//lightrun-wizard-reads',
      'Deployment/lightrun-wizard/lightrun-wizard',
    ]);
    expect(kinds(manifests(true)).at(-1)).toBe('Service/lightrun-wizard/lightrun-wizard');
  });

  it('the server settings each file gives are accepted by the server: loopback without token, network with token and HTTPS', () => {
    const files: Record<string, string> = {
      '/etc/lightrun-wizard/access/token': 'a-token-of-at-least-16-chars\n',
      '/etc/lightrun-wizard/tls/tls.crt': 'CERT',
      '/etc/lightrun-wizard/tls/tls.key': 'KEY',
    };
    const read = (f: string) => {
      if (!(f in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[f]!;
    };
    const loop = serverConfig(envOf(manifests(false)), read);
    expect(loop).toMatchObject({
      ok: true,
      config: { host: '127.0.0.1', port: 3000, loopback: true, tls: null, token: null },
    });
    const net = serverConfig(envOf(manifests(true)), read);
    expect(net).toMatchObject({
      ok: true,
      config: {
        host: '0.0.0.0',
        loopback: false,
        insecureHttp: false,
        tls: { cert: 'CERT', key: 'KEY' },
        token: 'a-token-of-at-least-16-chars',
        publicHosts: ['lightrun-wizard.example.com'],
      },
    });
    // Without the mounted Secrets the network pod refuses to start rather than serve without them.
    expect(
      serverConfig(envOf(manifests(true)), () => {
        throw Object.assign(new Error('x'), { code: 'ENOENT' });
      }),
    ).toMatchObject({ ok: false });
  });

  it("the RBAC is the preflight's list exactly: no wildcard, the Role only in the target namespace, bound to the ServiceAccount", () => {
    const ms = manifests(false);
    const rules = ms.flatMap((m) => m.rules ?? []);
    expect(JSON.stringify(rules)).not.toContain('*');
    const grants = (q: { group: string; resource: string; verb: string; namespace?: string }) =>
      ms
        .filter((m) =>
          q.namespace
            ? m.kind === 'Role' && m.metadata.namespace === q.namespace
            : m.kind === 'ClusterRole',
        )
        .some((m) =>
          m.rules!.some(
            (r) =>
              r.apiGroups!.includes(q.group) &&
              r.resources!.includes(q.resource) &&
              r.verbs.includes(q.verb),
          ),
        );
    expect(accessQuestions('lightrun').filter((q) => !grants(q))).toEqual([]);
    const granted = rules.reduce((n, r) => n + r.resources!.length * r.verbs.length, 0);
    expect(granted).toBe(accessQuestions('lightrun').length); // nothing beyond the list
    for (const b of ms.filter((m) => m.subjects))
      expect(b.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'lightrun-wizard', namespace: 'lightrun-wizard' },
      ]);
  });

  it('hardened pod: non-root, read-only root, no privilege escalation, secrets on a memory-backed /tmp', () => {
    const ms = manifests(true);
    const pod = podSpec(ms);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    expect(container(ms).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.volumes!.find((v) => v.name === 'tmp')).toEqual({
      name: 'tmp',
      emptyDir: { medium: 'Memory', sizeLimit: '64Mi' },
    });
    expect(envOf(ms).TMPDIR).toBe('/tmp');
    // No Secret object (and so no secret value) is in the manifest: the admin creates them.
    expect(ms.some((m) => m.kind === 'Secret')).toBe(false);
    expect(pod.volumes!.filter((v) => v.secret).map((v) => v.secret!.secretName)).toEqual([
      'lightrun-wizard-access',
      'lightrun-wizard-tls',
    ]);
  });
});
