import { branchDefault } from '@/lib/answers/branches';
import { SIZING_PROFILES, WORKLOADS_DEFAULT } from '@/lib/answers/constants';
import type { Answers } from '@/lib/answers';
import { randomEncryptionKey } from '@/lib/answers/encryption-key';
import { randomToken } from './random';

type Mode<K extends keyof Answers, D extends string> = Extract<Answers[K], Record<D, unknown>>[D &
  keyof Answers[K]];
type LocalDb = Extract<Answers['database'], { mode: 'local' }>;
type Pinning = NonNullable<Answers['certificatePinning']>;

/** The fresh value of a branch, from the one table in lib/answers (`BRANCHES`). */
function fresh<T>(path: string, value: unknown): T {
  const b = branchDefault(path, value);
  if (!b) throw new Error(`no branch ${String(value)} at ${path}`);
  return b as T;
}

/**
 * What switching a choice sets: the branch's fresh defaults (lib/answers `branchDefault`), so no
 * field of the previous branch stays behind, plus what a person would not want to type again
 * (database name, TLS flag, credentials) and freshly generated credentials the new branch needs.
 */
export const branches = {
  database(a: Answers, mode: Mode<'database', 'mode'>): Answers['database'] {
    const { name, requireSecureTransport, user, password } = a.database;
    // With the Secrets outside the chart the credentials are not answers at all (see secretValues).
    if (a.secrets.mode === 'existing')
      return {
        ...fresh<Answers['database']>('database', mode),
        name,
        requireSecureTransport,
        user: '',
        password: '',
      } as Answers['database'];
    if (mode === 'local')
      return {
        ...fresh<LocalDb>('database', mode),
        name,
        requireSecureTransport,
        user: user || 'lightrun',
        password: password || randomToken(),
      };
    // An external server has its own password: a generated one would only be wrong, so none carries over.
    return { ...fresh<Answers['database']>('database', mode), name, requireSecureTransport, user };
  },
  mqStorage(
    kind: 'persistent' | 'ephemeral',
  ): Extract<Answers['messageQueue'], { mode: 'local' }>['storage'] {
    return fresh('messageQueue.storage', kind);
  },
  dbStorage(kind: LocalDb['storage']['kind']): LocalDb['storage'] {
    return fresh('database.storage', kind);
  },
  messageQueue(a: Answers, mode: Mode<'messageQueue', 'mode'>): Answers['messageQueue'] {
    const next = fresh<Answers['messageQueue']>('messageQueue', mode);
    if (next.mode === 'off') return next;
    const prev = a.messageQueue.mode === 'off' ? null : a.messageQueue;
    const carried = {
      ...next,
      port: prev?.port ?? next.port,
      queueName: prev?.queueName ?? next.queueName,
      user: prev?.user || 'lightrun',
    };
    if (a.secrets.mode === 'existing')
      return { ...carried, user: '', password: '' } as Answers['messageQueue'];
    // An external broker has its own password (as for the database): only a local one is generated.
    if (next.mode === 'external')
      return {
        ...carried,
        password: prev?.mode === 'external' ? prev.password : '',
      } as Answers['messageQueue'];
    return {
      ...carried,
      password: prev?.mode === 'local' && prev.password ? prev.password : randomToken(),
    } as Answers['messageQueue'];
  },
  externalAccess(mode: Mode<'externalAccess', 'mode'>): Answers['externalAccess'] {
    return fresh('externalAccess', mode);
  },
  internalTls(mode: Mode<'internalTls', 'mode'>): Answers['internalTls'] {
    return fresh('internalTls', mode);
  },
  customCa(mode: NonNullable<Answers['customCa']>['mode']): NonNullable<Answers['customCa']> {
    return fresh('customCa', mode);
  },
  /**
   * Chart 3.50's certificate pinning: switching between "this certificate" and "this and the
   * previous" keeps the hashes typed or computed; a fresh choice starts from `ownPin`, the
   * uploaded certificate's hash (empty with an existing Secret: the wizard cannot read it).
   */
  certificatePinning(a: Answers, mode: Pinning['mode'], ownPin: string): Pinning {
    const was = a.certificatePinning;
    const hash = was && was.mode !== 'off' && was.hash ? was.hash : ownPin;
    if (mode === 'off') return { mode };
    if (mode === 'current') return { mode, hash };
    return { mode, hash, previous: was?.mode === 'rotation' ? was.previous : [] };
  },
  networkPolicy(enabled: boolean): Answers['networkPolicy'] {
    return fresh('networkPolicy', enabled);
  },
  /**
   * Switching who creates the Secrets also changes which answers exist: with the Secrets outside
   * the chart the license, credentials and AES key go into the admin's own Secrets, not into the
   * values, so they are emptied; back to the chart, the credentials it needs are generated again.
   * Returns the answers paths to set.
   */
  secretValues(
    a: Answers,
    mode: Mode<'secrets', 'mode'>,
    randomKey: () => string = randomEncryptionKey,
  ): [string, unknown][] {
    const out: [string, unknown][] = [['secrets', branches.secrets(mode)]];
    if (mode === 'existing') {
      out.push(
        ['license', { content: '', signature: '' }],
        ['database.user', ''],
        ['database.password', ''],
      );
      if (a.messageQueue.mode !== 'off')
        out.push(['messageQueue.user', ''], ['messageQueue.password', '']);
      if (a.apiKeysEncryption.enabled) out.push(['apiKeysEncryption.aesKey', '']);
      return out;
    }
    out.push(['database.user', a.database.user || 'lightrun']);
    if (a.chart === '3.50.0') out.push(['secrets.encryptionKey', randomKey()]);
    if (a.database.mode === 'local' && !a.database.password)
      out.push(['database.password', randomToken()]);
    if (a.messageQueue.mode !== 'off') {
      out.push(['messageQueue.user', a.messageQueue.user || 'lightrun']);
      if (a.messageQueue.mode === 'local' && !a.messageQueue.password)
        out.push(['messageQueue.password', randomToken()]);
    }
    return out;
  },
  /**
   * Choosing the chart version (docs/chart-3.50.md). Chart 3.50 with the chart's Secrets needs the
   * encryption key: generated here once, and kept when the admin switches back and forth, so no
   * switch rotates a key that may already be in a downloaded file (§10). With `mq: 'follow'` (the
   * admin has not chosen the message queue yet) the queue follows the chart's default: a local
   * RabbitMQ with generated credentials for 3.50 (on by default there, T1), none for 3.9.4.
   * Back to 3.9.4, the answers only 3.50 has (custom CA, system configuration, workloads, pinning, the
   * artifacts pod's internal TLS Secret) are cleared: 3.9.4
   * has no such keys and no field for them, and the schema refuses them there.
   * Returns the paths to set.
   */
  chart(
    a: Answers,
    version: Answers['chart'],
    randomKey: () => string = randomEncryptionKey,
    mq: 'chosen' | 'follow' = 'chosen',
  ): [string, unknown][] {
    const out: [string, unknown][] = [['chart', version]];
    if (version === '3.50.0' && a.secrets.mode === 'chart' && !a.secrets.encryptionKey)
      out.push(['secrets.encryptionKey', randomKey()]);
    if (version === '3.9.4') {
      if (a.customCa && a.customCa.mode !== 'none') out.push(['customCa', { mode: 'none' }]);
      if (a.systemConfig?.content || a.systemConfig?.signature)
        out.push(['systemConfig', { content: '', signature: '' }]);
      if (a.workloads) out.push(['workloads', structuredClone(WORKLOADS_DEFAULT)]);
      if (a.certificatePinning && a.certificatePinning.mode !== 'off')
        out.push(['certificatePinning', { mode: 'off' }]);
      if (a.internalTls.mode === 'existing' && a.internalTls.certificates.artifacts)
        out.push(['internalTls.certificates.artifacts', '']);
    }
    if (mq === 'follow') {
      if (version === '3.50.0' && a.messageQueue.mode === 'off')
        out.push(['messageQueue', branches.messageQueue(a, 'local')]);
      if (version === '3.9.4' && a.messageQueue.mode === 'local')
        out.push(['messageQueue', branches.messageQueue(a, 'off')]);
    }
    return out;
  },
  secrets(mode: Mode<'secrets', 'mode'>): Answers['secrets'] {
    const next = fresh<Answers['secrets']>('secrets', mode);
    return next.mode === 'chart'
      ? { ...next, keycloakPassword: randomToken(), keystorePassword: randomToken() }
      : next;
  },
  certificate(source: Mode<'certificate', 'source'>): Answers['certificate'] {
    return fresh('certificate', source);
  },
  pullSecret(mode: Mode<'pullSecret', 'mode'>): Answers['pullSecret'] {
    return fresh('pullSecret', mode);
  },
  registry(mode: Mode<'registry', 'mode'>): Answers['registry'] {
    return fresh('registry', mode);
  },
  apiKeysEncryption(enabled: boolean): Answers['apiKeysEncryption'] {
    return fresh('apiKeysEncryption', enabled);
  },
  hpa(component: 'backend' | 'frontend', enabled: boolean): Answers['sizing']['backend']['hpa'] {
    return fresh(`sizing.${component}.hpa`, enabled);
  },
  resources(
    a: Answers,
    profile: Answers['sizing']['resources']['profile'],
  ): Answers['sizing']['resources'] {
    const next = fresh<Answers['sizing']['resources']>('sizing.resources', profile);
    if (next.profile !== 'custom' || a.sizing.resources.profile === 'custom') return next;
    // custom starts from the figures of the profile it replaces
    return {
      ...next,
      ...structuredClone(SIZING_PROFILES[a.sizing.resources.profile]),
    } as Answers['sizing']['resources'];
  },
};
