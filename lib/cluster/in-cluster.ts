/**
 * The wizard as a Deployment in the cluster (deploy/*.yaml, written by `npm run gen`; a test
 * fails when they are stale). The RBAC comes from access-needs.ts, the list the preflight's
 * permissions check asks about, so the manifest can never grant less than the check wants, or
 * more. PURE.
 *
 * Two files:
 *  - loopback (default): the server listens on 127.0.0.1 in the pod; the admin reaches it with
 *    `kubectl port-forward` (which connects to the pod's loopback) — no Service, no token: who may
 *    port-forward into the wizard's namespace is decided by the cluster's own RBAC.
 *  - network: listens on every address of the pod behind a ClusterIP Service, and therefore needs
 *    the access token (a Secret mounted as LW_ACCESS_TOKEN_FILE) and HTTPS (a TLS Secret mounted
 *    as LW_TLS_CERT/LW_TLS_KEY); the pod does not start until both Secrets exist.
 */
import { rbacManifests } from '../preflight/access-needs';

export interface InClusterOptions {
  /** Where the wizard itself runs (its ServiceAccount, Deployment, Secrets). */
  wizardNamespace: string;
  /** Where it installs Lightrun (the Role is granted here only). */
  targetNamespace: string;
  image: string;
  /** Name browsers use off loopback (network file only). */
  publicHost: string;
}

export const IN_CLUSTER_DEFAULTS: Omit<InClusterOptions, 'image'> = {
  wizardNamespace: 'lightrun-wizard',
  targetNamespace: 'lightrun',
  publicHost: 'lightrun-wizard.example.com',
};

export const WIZARD_NAME = 'lightrun-wizard';
export const PORT = 3000;
/** Secrets the admin creates for the network file (never in the manifest: no secret in git). */
export const ACCESS_SECRET = 'lightrun-wizard-access';
export const TLS_SECRET = 'lightrun-wizard-tls';

type Obj = Record<string, unknown>;
const labels = {
  'app.kubernetes.io/name': WIZARD_NAME,
  'app.kubernetes.io/component': 'install-wizard',
};

function namespace(name: string, why: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, annotations: { 'lightrun.com/why': why } },
  };
}

/** Where the server listens and keeps its files; off loopback, also its name, token and certificate. */
function wizardEnv(o: InClusterOptions, network: boolean): Obj[] {
  return [
    { name: 'HOST', value: network ? '0.0.0.0' : '127.0.0.1' },
    { name: 'PORT', value: String(PORT) },
    { name: 'NODE_ENV', value: 'production' },
    { name: 'NEXT_TELEMETRY_DISABLED', value: '1' },
    // Values files (the answers' secrets) live in a memory-backed emptyDir, gone with the pod.
    { name: 'TMPDIR', value: '/tmp' },
    { name: 'HOME', value: '/tmp/home' },
    { name: 'HELM_CACHE_HOME', value: '/tmp/helm/cache' },
    { name: 'HELM_CONFIG_HOME', value: '/tmp/helm/config' },
    { name: 'HELM_DATA_HOME', value: '/tmp/helm/data' },
    ...(network
      ? [
          { name: 'LW_PUBLIC_HOST', value: o.publicHost },
          { name: 'LW_ACCESS_TOKEN_FILE', value: '/etc/lightrun-wizard/access/token' },
          { name: 'LW_TLS_CERT', value: '/etc/lightrun-wizard/tls/tls.crt' },
          { name: 'LW_TLS_KEY', value: '/etc/lightrun-wizard/tls/tls.key' },
        ]
      : []),
  ];
}

/** The pod's volumes and where the container mounts them: scratch space; off loopback, the two Secrets. */
function wizardVolumes(network: boolean): { mounts: Obj[]; volumes: Obj[] } {
  const mounts: Obj[] = [
    { name: 'tmp', mountPath: '/tmp' },
    { name: 'next-cache', mountPath: '/app/.next/cache' },
  ];
  const volumes: Obj[] = [
    { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'next-cache', emptyDir: { sizeLimit: '64Mi' } },
  ];
  if (!network) return { mounts, volumes };
  mounts.push(
    { name: 'access', mountPath: '/etc/lightrun-wizard/access', readOnly: true },
    { name: 'tls', mountPath: '/etc/lightrun-wizard/tls', readOnly: true },
  );
  volumes.push(
    {
      name: 'access',
      secret: {
        secretName: ACCESS_SECRET,
        defaultMode: 0o440,
        items: [{ key: 'token', path: 'token' }],
      },
    },
    { name: 'tls', secret: { secretName: TLS_SECRET, defaultMode: 0o440 } },
  );
  return { mounts, volumes };
}

/** The wizard's one container: read-only root, no capabilities. */
function wizardContainer(o: InClusterOptions, network: boolean, mounts: Obj[]): Obj {
  return {
    name: 'wizard',
    image: o.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: network ? 'https' : 'http', containerPort: PORT }],
    env: wizardEnv(o, network),
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: mounts,
    // Off loopback only: kubelet probes reach the pod's address, which a loopback server does not listen on.
    ...(network ? { readinessProbe: { tcpSocket: { port: PORT }, periodSeconds: 10 } } : {}),
  };
}

function deployment(o: InClusterOptions, network: boolean): Obj {
  const { mounts, volumes } = wizardVolumes(network);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: WIZARD_NAME, namespace: o.wizardNamespace, labels },
    spec: {
      // One replica: install jobs, sessions and the access state live in the server's memory.
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: WIZARD_NAME,
          automountServiceAccountToken: true,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [wizardContainer(o, network, mounts)],
          volumes,
        },
      },
    },
  };
}

/** Every object of one file, in apply order. */
export function inClusterObjects(o: InClusterOptions, network: boolean): Obj[] {
  const sa = { serviceAccount: WIZARD_NAME, namespace: o.wizardNamespace };
  const objects: Obj[] = [
    namespace(o.wizardNamespace, 'the Lightrun install wizard'),
    namespace(
      o.targetNamespace,
      'Lightrun, installed by the wizard (created here so the wizard needs no cluster-wide create)',
    ),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: WIZARD_NAME, namespace: o.wizardNamespace, labels },
    },
    ...(rbacManifests(o.targetNamespace, sa, WIZARD_NAME) as Obj[]),
    deployment(o, network),
  ];
  if (network) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WIZARD_NAME, namespace: o.wizardNamespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: 'https', port: 443, targetPort: PORT }],
      },
    });
  }
  return objects;
}

/** The header of each generated file: what it is, how to use it. */
export function inClusterHeader(o: InClusterOptions, network: boolean): string[] {
  const common = [
    '# Generated by `npm run gen` from lib/cluster/in-cluster.ts; the RBAC from',
    '# lib/preflight/access-needs.ts (the preflight permissions check asks the same list).',
    '# Do not edit by hand: change the source and run `npm run gen` (a test fails when stale).',
    `# Image: build deploy/Dockerfile and push it as ${o.image} (see docs/in-cluster.md).`,
  ];
  return network
    ? [
        ...common,
        '# Network variant: listens on the pod address behind a Service, so the access token and HTTPS are',
        '# required. Create both Secrets first (the pod waits for them):',
        `#   kubectl -n ${o.wizardNamespace} create secret generic ${ACCESS_SECRET} --from-literal=token="$(openssl rand -base64 32)"`,
        `#   kubectl -n ${o.wizardNamespace} create secret tls ${TLS_SECRET} --cert=wizard.crt --key=wizard.key`,
        `# and set LW_PUBLIC_HOST below to the name browsers use (now ${o.publicHost}).`,
      ]
    : [
        ...common,
        '# Default: the wizard listens on 127.0.0.1 in its pod; reach it with',
        `#   kubectl -n ${o.wizardNamespace} port-forward deploy/${WIZARD_NAME} ${PORT}:${PORT}`,
        `# and open http://127.0.0.1:${PORT} (keep the local port ${PORT}: the server checks the Host port).`,
      ];
}
