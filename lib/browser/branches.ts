import { HPA_DEFAULTS, SIZING_PROFILES, defaultAnswers, type Answers } from '@/lib/answers';
import { randomToken } from './random';

type Mode<K extends keyof Answers, D extends string> = Extract<Answers[K], Record<D, unknown>>[D & keyof Answers[K]];

/**
 * The whole sub-object of a union's branch, with that branch's defaults, so that switching a
 * choice leaves no field of the previous branch behind. Credentials carry over where both
 * branches have them (a database user stays the same whether MySQL is local or external).
 */
export const branches = {
  database(a: Answers, mode: Mode<'database', 'mode'>): Answers['database'] {
    const { name, requireSecureTransport, user, password } = a.database;
    if (mode === 'local') return { ...defaultAnswers().database as Extract<Answers['database'], { mode: 'local' }>, name, requireSecureTransport, user, password };
    return { mode: 'external', endpoint: '', name, requireSecureTransport, user, password };
  },
  dbStorage(kind: 'persistent' | 'ephemeral'): Extract<Answers['database'], { mode: 'local' }>['storage'] {
    return kind === 'persistent'
      ? { kind, storageClassName: '', size: '100Gi', whenDeleted: '', whenScaled: '' }
      : { kind, sizeLimit: '10Gi' };
  },
  messageQueue(a: Answers, mode: Mode<'messageQueue', 'mode'>): Answers['messageQueue'] {
    if (mode === 'off') return { mode };
    const prev = a.messageQueue.mode === 'off' ? null : a.messageQueue;
    const common = { port: prev?.port ?? '5672', queueName: prev?.queueName ?? 'mixpanel-events', user: prev?.user || 'lightrun', password: prev?.password || randomToken() };
    if (mode === 'external') return { mode, endpoint: '', ...common };
    return { mode, ...common, storage: { kind: 'persistent', size: '10Gi', storageClassName: '' }, metrics: false, serviceAnnotations: [] };
  },
  externalAccess(mode: Mode<'externalAccess', 'mode'>): Answers['externalAccess'] {
    if (mode === 'ingress-controller') return { mode, className: 'nginx', annotations: [], keepServerSnippet: false };
    if (mode === 'router') return { mode };
    return { mode, serviceAnnotations: [] };
  },
  internalTls(mode: Mode<'internalTls', 'mode'>): Answers['internalTls'] {
    if (mode !== 'existing') return { mode };
    return { mode, verification: true, caSecretName: '', certificates: { frontend: '', keycloak: '', keycloakCluster: '', redis: '', rabbitmq: '' } };
  },
  networkPolicy(enabled: boolean): Answers['networkPolicy'] {
    if (!enabled) return { enabled };
    return { enabled, ingress: { enabled: true, namespaces: [], cidrs: [] }, egress: { enabled: false, namespaces: [], cidrs: [] } };
  },
  secrets(mode: Mode<'secrets', 'mode'>): Answers['secrets'] {
    if (mode === 'existing') return { mode, backend: '', keycloak: '', apiKeysEncryption: '' };
    return { ...(defaultAnswers().secrets as Extract<Answers['secrets'], { mode: 'chart' }>), keycloakPassword: randomToken(), keystorePassword: randomToken() };
  },
  certificate(source: Mode<'certificate', 'source'>): Answers['certificate'] {
    return source === 'inline' ? { source, crt: '', key: '' } : { source, secretName: '' };
  },
  pullSecret(mode: Mode<'pullSecret', 'mode'>): Answers['pullSecret'] {
    if (mode === 'none') return { mode };
    return mode === 'existing' ? { mode, name: '' } : { mode, configContent: '' };
  },
  apiKeysEncryption(enabled: boolean): Answers['apiKeysEncryption'] {
    return enabled ? { enabled, aesKey: '', mountPath: '/keys' } : { enabled };
  },
  hpa(component: 'backend' | 'frontend', enabled: boolean): Answers['sizing']['backend']['hpa'] {
    return enabled ? { ...HPA_DEFAULTS[component] } : { enabled: false };
  },
  resources(a: Answers, profile: Answers['sizing']['resources']['profile']): Answers['sizing']['resources'] {
    if (profile !== 'custom') return { profile };
    const from = a.sizing.resources.profile === 'custom' ? 'minimum' : a.sizing.resources.profile;
    const p = SIZING_PROFILES[from];
    return { profile, backend: { ...p.backend }, frontend: { ...p.frontend }, keycloak: { ...p.keycloak } };
  },
};

