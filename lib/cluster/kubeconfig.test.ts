// kubeconfig.ts reading real files (temp dir), as kubectl would.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubeConfigFor, KubeconfigError, listContexts, runsInCluster } from './kubeconfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-kubeconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const A = file(
  'a/config',
  `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c1
  cluster: {server: "https://one.example:6443", certificate-authority: ca.crt}
users:
- name: u1
  user: {token: sekrit-token-a}
contexts:
- name: dev
  context: {cluster: c1, user: u1, namespace: lightrun}
`,
);
const B = file(
  'b/config',
  `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: c1
  cluster: {server: "https://shadowed.example:6443"}
- name: c2
  cluster: {server: "https://two.example:6443"}
users:
- name: u2
  user: {token: sekrit-token-b}
contexts:
- name: prod
  context: {cluster: c2, user: u2}
`,
);
const BROKEN = file('broken', 'clusters: [\n  - token: sekrit-in-broken\n  {');
const env = (KUBECONFIG?: string, HOME = path.join(dir, 'home')) => ({ KUBECONFIG, HOME });

describe('listContexts', () => {
  it("merges the KUBECONFIG list kubectl's way (first wins) and skips missing files", () => {
    const l = listContexts(env([path.join(dir, 'nope'), A, B].join(':')));
    expect(l).toEqual({
      source: 'KUBECONFIG',
      files: [path.join(dir, 'nope'), A, B],
      current: 'dev',
      contexts: [
        {
          name: 'dev',
          cluster: 'c1',
          server: 'https://one.example:6443',
          user: 'u1',
          namespace: 'lightrun',
        },
        { name: 'prod', cluster: 'c2', server: 'https://two.example:6443', user: 'u2' },
      ],
    });
  });
  it('falls back to $HOME/.kube/config', () => {
    const home = path.join(dir, 'home2');
    file(
      'home2/.kube/config',
      `current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: "https://h:6443"}}]\nusers: [{name: u, user: {}}]\n`,
    );
    expect(listContexts(env(undefined, home))).toMatchObject({
      source: 'home',
      current: 'x',
      contexts: [{ name: 'x', server: 'https://h:6443' }],
    });
  });
  it('no kubeconfig at all: a problem naming the localhost:8080 fallback', () => {
    const l = listContexts(env(undefined, path.join(dir, 'empty-home')));
    expect(l.source).toBe('none');
    expect(l.contexts).toEqual([]);
    expect(l.problem?.message).toContain('localhost:8080');
  });
  it('a broken file: its path and line, never its content', () => {
    const l = listContexts(env(`${A}:${BROKEN}`));
    expect(l.problem?.message).toMatch(
      new RegExp(
        `^The kubeconfig file ${BROKEN} cannot be read: it is not valid YAML \\(line \\d+\\)\\.$`,
      ),
    );
    expect(JSON.stringify(l)).not.toContain('sekrit');
  });
});

describe('kubeConfigFor', () => {
  const e = env(`${A}:${B}`);
  it('returns a fresh KubeConfig per call, set to the asked context, relative paths resolved per file', () => {
    const dev = kubeConfigFor(undefined, e);
    const prod = kubeConfigFor('prod', e);
    expect(dev.getCurrentContext()).toBe('dev');
    expect(dev.getCurrentCluster()?.server).toBe('https://one.example:6443');
    expect(dev.getCurrentCluster()?.caFile).toBe(path.join(dir, 'a', 'ca.crt'));
    expect(prod.getCurrentContext()).toBe('prod');
    expect(prod.getCurrentCluster()?.server).toBe('https://two.example:6443');
    expect(prod.getCurrentUser()?.token).toBe('sekrit-token-b');
    // Changing one never changes another.
    prod.setCurrentContext('dev');
    expect(kubeConfigFor('prod', e).getCurrentContext()).toBe('prod');
    expect(dev.getClusters()).not.toBe(prod.getClusters());
  });
  it('throws a KubeconfigError for an unknown context or no kubeconfig', () => {
    expect(() => kubeConfigFor('staging', e)).toThrow(
      new KubeconfigError({
        message: 'The kubeconfig has no context "staging" (it has: dev, prod).',
        fix: 'Pick one of the listed contexts.',
      }),
    );
    expect(() => kubeConfigFor(undefined, env(undefined, path.join(dir, 'empty-home')))).toThrow(
      /No kubeconfig found/,
    );
  });
});

// The pod's service account as a wizard Deployment sees it: token, ca.crt and namespace files
// under the standard mount path (here below a temp root), and the KUBERNETES_SERVICE_* env.
describe('in a pod (service account files in a temp dir)', () => {
  const root = path.join(dir, 'pod');
  file('pod/var/run/secrets/kubernetes.io/serviceaccount/token', 'sa-token-from-the-mount\n');
  file(
    'pod/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  );
  file('pod/var/run/secrets/kubernetes.io/serviceaccount/namespace', 'lightrun-wizard');
  const pod = {
    HOME: path.join(dir, 'pod-home'),
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
  };
  const sa = { serviceAccountRoot: root };

  it("is the one context: the service's address, the mounted CA and token file, the mounted namespace", () => {
    expect(listContexts(pod, sa)).toEqual({
      source: 'in-cluster',
      files: [],
      current: 'inClusterContext',
      contexts: [
        {
          name: 'inClusterContext',
          cluster: 'inCluster',
          server: 'https://10.96.0.1:443',
          user: 'inClusterUser',
          namespace: 'lightrun-wizard',
        },
      ],
    });
    const kc = kubeConfigFor(undefined, pod, sa);
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://10.96.0.1:443',
      caFile: path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount/ca.crt'),
    });
    // The token is read from the file (kubelet rotates it), never copied into the listing.
    expect(JSON.stringify(listContexts(pod, sa))).not.toContain('sa-token-from-the-mount');
    expect(runsInCluster(pod, sa)).toBe(true);
  });
  it('an IPv6 service address is bracketed', () => {
    expect(
      kubeConfigFor(
        undefined,
        { ...pod, KUBERNETES_SERVICE_HOST: 'fd00::1' },
        sa,
      ).getCurrentCluster()?.server,
    ).toBe('https://[fd00::1]:443');
  });
  it('not used without the pod env, without the token file, or when a kubeconfig exists', () => {
    expect(runsInCluster({ HOME: pod.HOME }, sa)).toBe(false);
    expect(runsInCluster({ ...pod, KUBERNETES_SERVICE_PORT: undefined }, sa)).toBe(false);
    expect(runsInCluster(pod, { serviceAccountRoot: path.join(dir, 'no-such-root') })).toBe(false);
    expect(listContexts({ ...pod, KUBECONFIG: A }, sa)).toMatchObject({
      source: 'KUBECONFIG',
      current: 'dev',
    });
  });
});
