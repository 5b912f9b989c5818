// The message queue and the database (docs/chart-3.50.md §13.2): RabbitMQ is on by default in
// 3.50 and keeps no data on a claim (§3, §5, §8.3); MySQL moves to 8.4 (§8.4).
import type { Rule, Translation } from './context';

const MQ = 'general.mq';
const MQ_STORAGE = [
  'storage',
  'storageClassName',
  'pvc_name',
  'persistentVolumeClaimRetentionPolicy',
];
/** The prefix F3 demands of one queue name, compared case-insensitively (docs/chart-3.50.md §6). */
const MIXPANEL = 'mixpanel-events';
const LEGACY_REGEX = '^mixpanel-events.*';

/** The claim of a 3.9.4 RabbitMQ pod (docs/chart-3.50.md §13.1). */
export function mqClaim(pvcName: string): string {
  return pvcName ? `${pvcName}-<release>-mq-0` : '<release>-mq-data-<release>-mq-0';
}

function dropStorage(t: Translation): string[] {
  const from = t.present(...MQ_STORAGE.map((k) => `${MQ}.${k}`));
  for (const k of from) t.drop(k);
  return from;
}

function mqOff(t: Translation, storage: string[]): void {
  const asIs = t.has(`${MQ}.enabled`) && t.value(`${MQ}.enabled`) === false && !storage.length;
  t.set(`${MQ}.enabled`, false);
  t.row({
    id: 'mq-off',
    from: [`${MQ}.enabled`, ...storage],
    to: [`${MQ}.enabled`],
    fate: asIs ? 'kept' : 'translated',
    tell: 'The message queue stays off: general.mq.enabled: false is written, because a missing key now means on. Whether Lightrun 1.91 needs the queue for Keycloak events is not documented.',
  });
}

function mqLocal(t: Translation, storage: string[]): void {
  const size = t.str(`${MQ}.storage`);
  if (size === '0') {
    t.row({
      id: 'mq-local-ephemeral',
      from: [`${MQ}.enabled`, ...storage],
      to: [`${MQ}.enabled`, `${MQ}.local`],
      fate: storage.length > 0 ? 'translated' : 'kept',
      tell: 'The local RabbitMQ stays, without a claim as before.',
    });
    return;
  }
  t.set('deployments.rabbitmq.emptyDir.sizeLimit', size);
  t.row({
    id: 'mq-local-persistent',
    from: [`${MQ}.enabled`, ...storage],
    to: [`${MQ}.enabled`, `${MQ}.local`, 'deployments.rabbitmq.emptyDir.sizeLimit'],
    fate: 'translated',
    tell: `RabbitMQ keeps no claim in 3.50 and the upgrade fails half-way while its StatefulSet has one: before it, scale StatefulSet <release>-mq to 0 and delete it and its claim ${mqClaim(t.str(`${MQ}.pvc_name`))}. Queued messages are lost, and from now on at every restart of the queue.`,
    step: 'delete-mq-statefulset-and-pvc',
    oneWay: true,
  });
}

export const mqRule: Rule = (t) => {
  const storage = dropStorage(t);
  if (!t.on(`${MQ}.enabled`)) return mqOff(t, storage);
  t.set(`${MQ}.enabled`, true);
  if (t.on(`${MQ}.local`)) {
    t.set(`${MQ}.local`, true);
    return mqLocal(t, storage);
  }
  t.row({
    id: 'mq-external',
    from: [`${MQ}.enabled`, `${MQ}.local`, ...storage],
    to: [`${MQ}.enabled`, `${MQ}.local`],
    fate: storage.length > 0 ? 'translated' : 'kept',
    tell: 'The external broker stays; Keycloak must now reach it too (TLS as before).',
  });
};

export const queueNameRule: Rule = (t) => {
  if (!t.has(`${MQ}.queue_name`)) return;
  const name = t.str(`${MQ}.queue_name`);
  t.drop(`${MQ}.queue_name`);
  const ok = name.toLowerCase().startsWith(MIXPANEL);
  if (ok) t.set(`${MQ}.queue_names`, [name, 'keycloak-events']);
  t.row({
    id: 'mq-queue-name',
    from: [`${MQ}.queue_name`],
    to: ok ? [`${MQ}.queue_names`] : [],
    fate: ok ? 'translated' : 'dropped',
    tell: ok
      ? `The queue "${name}" is kept as the first of general.mq.queue_names, beside keycloak-events.`
      : `The queue "${name}" does not begin with ${MIXPANEL}, which 3.50 requires of its analytics queue: the default names (${MIXPANEL}, keycloak-events) are used.`,
  });
};

export const queueRegexRule: Rule = (t) => {
  const P = `${MQ}.policy.queue_regex_pattern`;
  if (!t.has(P)) return;
  const legacy = t.str(P) === LEGACY_REGEX;
  if (legacy) t.drop(P);
  t.row({
    id: 'mq-queue-regex',
    from: [P],
    to: legacy ? [] : [P],
    fate: legacy ? 'dropped' : 'kept',
    tell: legacy
      ? 'The queue policy pattern goes back to the 3.50 default, which covers keycloak-events too.'
      : 'Your own queue policy pattern is kept: check that it also matches keycloak-events, or that queue gets no limits.',
  });
};

const MYSQL_TAG = 'deployments.mysql.image.tag';

/** What becomes of a local MySQL's data (docs/chart-3.50.md §13.1, §13.3). */
export function mysqlData(t: Translation): string {
  return t.on('general.statefulset.enabled')
    ? 'It keeps its claim and converts the data directory on first start, one way: back up the database before the upgrade.'
    : 'Its data is on an emptyDir (general.statefulset.enabled is off), so the restart the upgrade brings loses it: dump the database before the upgrade and load it after.';
}

export const databaseRule: Rule = (t) => {
  if (!t.on('general.db_local')) {
    t.row({
      id: 'database-external',
      from: t.present('general.db_local', 'general.db_endpoint'),
      to: t.present('general.db_local', 'general.db_endpoint'),
      fate: 'kept',
      tell: 'The external database stays; its server must run MySQL 8.4.3 or later before the upgrade. Back it up first.',
      step: 'upgrade-external-mysql',
      oneWay: true,
    });
    return;
  }
  const tag = t.has(MYSQL_TAG) ? t.str(MYSQL_TAG) : '';
  const unpin = tag === '8.0.38';
  if (unpin) t.drop(MYSQL_TAG);
  t.row({
    id: 'database-local',
    from: t.present('general.db_local', MYSQL_TAG),
    to: unpin || !tag ? [] : [MYSQL_TAG],
    fate: unpin ? 'dropped' : 'kept',
    tell:
      (tag && !unpin
        ? `The pinned MySQL image ${tag} is kept; the vendor pairs Lightrun 1.91 with MySQL 8.4, and a tag that is not a version stops the render. `
        : 'MySQL moves from 8.0.38 to 8.4.10. ') + mysqlData(t),
    step: 'backup-database',
    oneWay: true,
  });
};
