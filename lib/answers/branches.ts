import type { Answers } from './schema';
import { defaultAnswers, HPA_DEFAULTS } from './defaults';
import { SIZING_PROFILES, WORKLOADS_DEFAULT } from './constants';

type Obj = Record<string, unknown>;

/**
 * The fresh value of every branch of every choice (discriminated union) in the answers, keyed by
 * the choice's dotted path and the discriminator's value. Switching a choice replaces the whole
 * sub-object with one of these, so no field of the branch left behind keeps a value.
 */
export const BRANCHES: Record<string, { key: string; options: Record<string, Obj> }> = {
  pullSecret: {
    key: 'mode',
    options: {
      none: { mode: 'none' },
      existing: { mode: 'existing', name: '' },
      inline: { mode: 'inline', configContent: '' },
    },
  },
  registry: {
    key: 'mode',
    options: {
      public: { mode: 'public' },
      private: { mode: 'private', host: '', prefix: '', insecure: false, tokenHost: '' },
    },
  },
  certificate: {
    key: 'source',
    options: {
      inline: { source: 'inline', crt: '', key: '' },
      existing: { source: 'existing', secretName: '' },
    },
  },
  apiKeysEncryption: {
    key: 'enabled',
    options: { false: { enabled: false }, true: { enabled: true, aesKey: '', mountPath: '/keys' } },
  },
  database: {
    key: 'mode',
    options: {
      local: defaultAnswers().database as Obj,
      external: {
        mode: 'external',
        endpoint: '',
        name: 'lightrunserver',
        requireSecureTransport: false,
        user: '',
        password: '',
      },
    },
  },
  'database.storage': {
    key: 'kind',
    options: {
      persistent: {
        kind: 'persistent',
        storageClassName: '',
        size: '100Gi',
        whenDeleted: '',
        whenScaled: '',
      },
      ephemeral: { kind: 'ephemeral', sizeLimit: '5Gi' },
    },
  },
  messageQueue: {
    key: 'mode',
    options: {
      off: { mode: 'off' },
      local: {
        mode: 'local',
        port: '5672',
        queueName: 'mixpanel-events',
        user: '',
        password: '',
        storage: { kind: 'persistent', size: '10Gi', storageClassName: '' },
        metrics: false,
        serviceAnnotations: [],
      },
      external: {
        mode: 'external',
        endpoint: '',
        port: '5672',
        queueName: 'mixpanel-events',
        user: '',
        password: '',
      },
    },
  },
  'messageQueue.storage': {
    key: 'kind',
    options: {
      persistent: { kind: 'persistent', size: '10Gi', storageClassName: '' },
      ephemeral: { kind: 'ephemeral' },
    },
  },
  externalAccess: {
    key: 'mode',
    options: {
      'ingress-controller': {
        mode: 'ingress-controller',
        className: 'nginx',
        annotations: [],
        keepServerSnippet: false,
        adminAllowCidrs: [],
        metricsAllowCidrs: [],
      },
      'load-balancer': { mode: 'load-balancer', serviceAnnotations: [] },
      'cluster-ip': { mode: 'cluster-ip', serviceAnnotations: [] },
      router: {
        mode: 'router',
        service: 'ingress',
        className: 'nginx',
        tls: false,
        adminAllowCidrs: [],
        metricsAllowCidrs: [],
      },
    },
  },
  internalTls: {
    key: 'mode',
    options: {
      off: { mode: 'off' },
      'self-signed': { mode: 'self-signed' },
      existing: {
        mode: 'existing',
        verification: true,
        caSecretName: '',
        certificates: { frontend: '', keycloak: '', keycloakCluster: '', redis: '', rabbitmq: '' },
      },
    },
  },
  networkPolicy: {
    key: 'enabled',
    options: {
      false: { enabled: false },
      // Ingress through the usual controller's namespace: a direction with no peer would deny everything.
      true: {
        enabled: true,
        ingress: { enabled: true, namespaces: ['ingress-nginx'], cidrs: [] },
        egress: { enabled: false, namespaces: [], cidrs: [] },
      },
    },
  },
  secrets: {
    key: 'mode',
    options: {
      chart: defaultAnswers().secrets as Obj,
      existing: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' },
    },
  },
  customCa: {
    key: 'mode',
    options: {
      none: { mode: 'none' },
      inline: { mode: 'inline', pem: '' },
      existing: { mode: 'existing', secretName: '' },
    },
  },
  'workloads.heapDumps': {
    key: 'mode',
    options: { off: { mode: 'off' }, claim: { mode: 'claim', claim: '' } },
  },
  certificatePinning: {
    key: 'mode',
    options: {
      off: { mode: 'off' },
      current: { mode: 'current', hash: '' },
      rotation: { mode: 'rotation', hash: '', previous: [] },
    },
  },
  'sizing.resources': {
    key: 'profile',
    options: {
      minimum: { profile: 'minimum' },
      medium: { profile: 'medium' },
      large: { profile: 'large' },
      custom: { profile: 'custom', ...SIZING_PROFILES.minimum },
    },
  },
  'sizing.backend.hpa': {
    key: 'enabled',
    options: { false: { enabled: false }, true: { ...HPA_DEFAULTS.backend } },
  },
  'sizing.frontend.hpa': {
    key: 'enabled',
    options: { false: { enabled: false }, true: { ...HPA_DEFAULTS.frontend } },
  },
};

/** A fresh copy of the branch `value` of the choice at `path` (undefined for an unknown branch). */
export function branchDefault(path: string, value: unknown): Obj | undefined {
  const b = BRANCHES[path]?.options[String(value)];
  return b === undefined ? undefined : structuredClone(b);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Optional sections absent from the defaults that a partial file completes from these. */
const OPTIONAL_SECTIONS: Record<string, unknown> = { workloads: WORKLOADS_DEFAULT };

function fill(defaults: unknown, partial: unknown, path: string): unknown {
  if (partial === undefined) return structuredClone(defaults);
  if (defaults === undefined && OPTIONAL_SECTIONS[path]) defaults = OPTIONAL_SECTIONS[path];
  const choice = BRANCHES[path];
  // an optional choice absent from the defaults (chart 3.50's customCa) starts from its branch
  if (path === 'passthrough' || !isObj(partial) || !(isObj(defaults) || choice)) return partial;
  let base: Obj = isObj(defaults) ? defaults : {};
  if (choice && Object.hasOwn(partial, choice.key) && partial[choice.key] !== base[choice.key]) {
    base = branchDefault(path, partial[choice.key]) ?? {};
  }
  const out: Obj = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(partial)])) {
    out[k] = fill(base[k], partial[k], path ? `${path}.${k}` : k);
  }
  return out;
}

/**
 * Completes a partial answers file with the defaults: a file need only say what differs. Choices
 * that switch branch start from that branch's defaults. Unknown keys are kept, so validation
 * reports them instead of silently dropping a typo.
 */
export function completeAnswers(partial: unknown): unknown {
  return fill(defaultAnswers(), partial ?? {}, '');
}

export type { Answers };
