// docs/chart-3.50.md §13.3: what the upgrade changes for good, and so what a rollback is.
import { isMap } from '../values/tree';
import { Translation } from './context';

export interface OneWay {
  /** what cannot be undone for this release, in plain words */
  items: string[];
  /** what "rolling back" means for it */
  rollback: string;
}

/** The §13.3 items that apply to a 3.9.4 release (its `helm get values`). */
export function oneWay(values394: unknown): OneWay {
  const t = new Translation(isMap(values394) ? values394 : {});
  const items: string[] = [];
  if (t.on('general.db_local'))
    items.push(
      t.on('general.statefulset.enabled')
        ? 'MySQL converts its data directory from 8.0 to 8.4 when it first starts; 8.0 cannot open it again. Only a dump or snapshot taken before the upgrade brings 3.9.4 back.'
        : 'MySQL keeps its data on an emptyDir: the upgrade restarts it and the data is gone. Only a dump taken before the upgrade brings it back.',
    );
  items.push(
    'The Lightrun 1.91 backend and Keycloak convert their tables in the database on first start; the 1.50 images are not expected to work on them.',
    'The encryption key is made by the first 3.50 upgrade: lose it and the stored integration keys cannot be read.',
  );
  if (t.on('general.mq.enabled') && t.on('general.mq.local') && t.str('general.mq.storage') !== '0')
    items.push(
      'The RabbitMQ claim is deleted before the upgrade, and the queued messages with it; 3.50 has no use for it.',
    );
  return {
    items,
    rollback:
      'A rollback is a restore: reinstall 3.9.4 from the values and Secrets saved before the upgrade, on the database backup. Do not run helm rollback once MySQL 8.4 or a 1.91 pod has started.',
  };
}
