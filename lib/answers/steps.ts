import type { Answers } from './schema';

/** The wizard's steps, in order: which answers sections each one owns and what it means. */
export type StepId =
  | 'endpoint'
  | 'certificate'
  | 'database'
  | 'message-queue'
  | 'external-access'
  | 'internal-tls'
  | 'security'
  | 'secrets'
  | 'sizing'
  | 'review';

export type Step = {
  id: StepId;
  title: string;
  /** Top-level answers sections whose errors belong to this step (for its state and "Next"). */
  sections: (keyof Answers)[];
  /** One or two lines from the deployment guide: what this choice means. */
  summary: string;
};

export const STEPS: readonly Step[] = [
  {
    id: 'endpoint',
    title: 'Endpoint & license',
    sections: ['chart', 'release', 'general', 'license', 'systemConfig', 'pullSecret', 'registry'],
    summary:
      'Users, IDE plugins and agents reach the server at https://<endpoint> on port 443. The license comes from Lightrun as a content and a signature.',
  },
  {
    id: 'certificate',
    title: 'Server certificate',
    sections: ['certificate', 'certificatePinning'],
    summary:
      'The certificate terminates TLS for the endpoint and is pinned by agents and plugins: its SANs must cover the endpoint. Upload the PEM files, or name an existing kubernetes.io/tls Secret.',
  },
  {
    id: 'database',
    title: 'Database',
    sections: ['database'],
    summary:
      'Lightrun stores its state in MySQL (InnoDB). The chart can run MySQL in the cluster, or connect to yours on port 3306 (database pre-created, lower_case_table_names=1).',
  },
  {
    id: 'message-queue',
    title: 'Message queue',
    sections: ['messageQueue'],
    summary:
      'An optional RabbitMQ for usage events. Local runs a StatefulSet in the namespace; storage "0" keeps no volume, so its data is lost on every pod restart.',
  },
  {
    id: 'external-access',
    title: 'External access',
    sections: ['externalAccess'],
    summary:
      'With an ingress controller the chart creates four Ingresses: clients, agents, the Keycloak admin console and metrics (the last two only for their allow-lists). Without one it runs its own nginx behind a LoadBalancer (or ClusterIP, reached by port-forwarding 443).',
  },
  {
    id: 'internal-tls',
    title: 'Internal TLS',
    sections: ['internalTls'],
    summary:
      'Encrypts pod-to-pod traffic. Self-signed certificates are created once, at the first install; existing ones are Secrets you create, optionally verified against your private CA.',
  },
  {
    id: 'security',
    title: 'Security & network policy',
    sections: ['security', 'networkPolicy'],
    summary:
      'Hardened containers run as a non-root user with all capabilities dropped. A network policy restricts all pods of the namespace; it needs a CNI that enforces it.',
  },
  {
    id: 'secrets',
    title: 'Secrets & API keys',
    sections: ['secrets', 'apiKeysEncryption', 'customCa'],
    summary:
      'The chart can create its Secrets from these values (they are then also stored in the Helm release), or use Secrets you create yourself. The AES key (chart 3.9.4) or the encryption key (chart 3.50) encrypts stored API keys: keep it, a new key makes them unreadable.',
  },
  {
    id: 'sizing',
    title: 'Sizing',
    sections: ['sizing', 'workloads'],
    summary:
      'Each CPU and memory figure is both request and limit. The chart defaults are the vendor’s minimums; autoscaling needs a metrics-server in the cluster.',
  },
  {
    id: 'review',
    title: 'Review & download',
    sections: [],
    summary: 'Check the warnings, read the file, and download it or install it.',
  },
];

/** The step an error at this answers path belongs to. */
export function stepOfPath(path: readonly PropertyKey[]): StepId {
  const section = String(path[0] ?? '');
  return STEPS.find((s) => (s.sections as string[]).includes(section))?.id ?? 'review';
}
