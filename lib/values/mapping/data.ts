import type { Answers } from '../../answers/schema';
import {
  annotationsToMap,
  mapToAnnotations,
  type SectionMapping,
  type ValuesReader,
} from './context';

type Retention = '' | 'Retain' | 'Delete';
const retention = (v: string, r: ValuesReader, path: string): Retention => {
  if (v === '' || v === 'Retain' || v === 'Delete') return v;
  r.note(path, `"${v}" is not Retain or Delete; it was not imported.`);
  return '';
};

export const databaseMapping: SectionMapping<'database'> = {
  key: 'database',
  title: 'Database',
  render(d, a, out) {
    out.set('general.db_local', d.mode === 'local');
    out.set('general.db_database', d.name);
    out.set('general.db_require_secure_transport', d.requireSecureTransport);
    out.setSecret('secrets.db.user', d.user, a);
    out.setSecret('secrets.db.password', d.password, a);
    if (d.mode === 'external') {
      out.set('general.db_endpoint', d.endpoint.trim());
      return;
    }
    out.set('general.statefulset.enabled', d.storage.kind === 'persistent');
    if (d.storage.kind === 'ephemeral') {
      out.set('deployments.mysql.emptyDir.sizeLimit', d.storage.sizeLimit);
      // Rendered into the Deployment spec when the statefulset is off: must stay empty.
      out.set('general.statefulset.persistentVolumeClaimRetentionPolicy', {});
      return;
    }
    out.set('general.statefulset.storageClassName', d.storage.storageClassName);
    out.set('general.statefulset.storageSize', d.storage.size);
    const policy: Record<string, string> = {};
    if (d.storage.whenDeleted) policy.whenDeleted = d.storage.whenDeleted;
    if (d.storage.whenScaled) policy.whenScaled = d.storage.whenScaled;
    out.set('general.statefulset.persistentVolumeClaimRetentionPolicy', policy);
  },
  read(r): Answers['database'] {
    const common = {
      name: r.str('general.db_database'),
      requireSecureTransport: r.bool('general.db_require_secure_transport'),
      user: r.secret('secrets.db.user'),
      password: r.secret('secrets.db.password'),
    };
    if (!r.bool('general.db_local'))
      return { mode: 'external', endpoint: r.str('general.db_endpoint'), ...common };
    const persistent = r.bool('general.statefulset.enabled');
    const policy = r.map('general.statefulset.persistentVolumeClaimRetentionPolicy');
    if (!persistent) {
      return {
        mode: 'local',
        storage: { kind: 'ephemeral', sizeLimit: r.str('deployments.mysql.emptyDir.sizeLimit') },
        ...common,
      };
    }
    const p = 'general.statefulset.persistentVolumeClaimRetentionPolicy';
    return {
      mode: 'local',
      storage: {
        kind: 'persistent',
        storageClassName: r.str('general.statefulset.storageClassName'),
        size: r.str('general.statefulset.storageSize'),
        whenDeleted: retention(String(policy.whenDeleted ?? ''), r, `${p}.whenDeleted`),
        whenScaled: retention(String(policy.whenScaled ?? ''), r, `${p}.whenScaled`),
      },
      ...common,
    };
  },
};

export const messageQueueMapping: SectionMapping<'messageQueue'> = {
  key: 'messageQueue',
  title: 'Message queue (RabbitMQ)',
  render(m, a, out) {
    out.set('general.mq.enabled', m.mode !== 'off');
    if (m.mode === 'off') return;
    out.set('general.mq.local', m.mode === 'local');
    out.set('general.mq.port', m.port);
    out.set('general.mq.queue_name', m.queueName);
    out.setSecret('secrets.mq.user', m.user, a);
    out.setSecret('secrets.mq.password', m.password, a);
    if (m.mode === 'external') {
      out.set('general.mq.mq_endpoint', m.endpoint.trim());
      return;
    }
    out.set('general.mq.metrics', m.metrics);
    out.set('deployments.rabbitmq.service.annotations', annotationsToMap(m.serviceAnnotations));
    if (m.storage.kind === 'ephemeral') {
      out.set('general.mq.storage', '0');
      return;
    }
    out.set('general.mq.storage', m.storage.size);
    out.set('general.mq.storageClassName', m.storage.storageClassName);
  },
  read(r): Answers['messageQueue'] {
    if (!r.bool('general.mq.enabled')) return { mode: 'off' };
    const common = {
      port: r.str('general.mq.port'),
      queueName: r.str('general.mq.queue_name'),
      user: r.secret('secrets.mq.user'),
      password: r.secret('secrets.mq.password'),
    };
    if (!r.bool('general.mq.local'))
      return { mode: 'external', endpoint: r.str('general.mq.mq_endpoint'), ...common };
    const storage = r.str('general.mq.storage');
    return {
      mode: 'local',
      ...common,
      metrics: r.bool('general.mq.metrics'),
      serviceAnnotations: mapToAnnotations(r.map('deployments.rabbitmq.service.annotations')),
      storage:
        storage === '0'
          ? { kind: 'ephemeral' }
          : {
              kind: 'persistent',
              size: storage,
              storageClassName: r.str('general.mq.storageClassName'),
            },
    };
  },
};
