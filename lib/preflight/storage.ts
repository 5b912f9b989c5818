import 'server-only';
import { apiClient } from '../cluster/client';
import { StorageV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { fail, listing, pass, type Verdict } from './result';

export type StorageClassFacts = { name: string; provisioner: string; isDefault: boolean };

/** The StorageClass names the local MySQL/RabbitMQ volumes ask for ("" = the cluster default); empty when no volume is used. */
export function wantedStorageClasses(a: Answers): { who: string; className: string }[] {
  const out: { who: string; className: string }[] = [];
  if (a.database.mode === 'local' && a.database.storage.kind === 'persistent')
    out.push({ who: 'the local MySQL', className: a.database.storage.storageClassName });
  // chart 3.50's RabbitMQ is always on an emptyDir: no claim (docs/chart-3.50.md §3)
  if (
    a.chart !== '3.50.0' &&
    a.messageQueue.mode === 'local' &&
    a.messageQueue.storage.kind === 'persistent'
  )
    out.push({ who: 'the local RabbitMQ', className: a.messageQueue.storage.storageClassName });
  return out;
}

const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const isDefaultClass = (annotations: Record<string, string> | undefined) =>
  DEFAULT_ANNOTATIONS.some((k) => annotations?.[k] === 'true');

/** Each volume's class exists, or (empty name) the cluster has a default class; otherwise the PVC stays Pending. */
export function decideStorage(
  wanted: { who: string; className: string }[],
  classes: StorageClassFacts[],
): Verdict {
  const names = classes.map((c) => c.name);
  const have = names.length
    ? `the cluster has ${listing(names)}`
    : 'the cluster has no StorageClass';
  const found: string[] = [];
  for (const w of wanted) {
    if (w.className) {
      const hit = classes.find((c) => c.name === w.className);
      if (!hit)
        return fail(
          `StorageClass ${w.className} for ${w.who} does not exist; ${have}.`,
          names.length
            ? `Choose one of ${listing(names)} on the Database/Message queue step, or leave it empty for the default.`
            : 'Install a storage provisioner, or choose "no volume" (data is lost on restart).',
        );
      found.push(`${w.className} for ${w.who}`);
      continue;
    }
    const def = classes.filter((c) => c.isDefault);
    if (def.length === 0)
      return fail(
        `${w.who[0]!.toUpperCase()}${w.who.slice(1)} asks for the default StorageClass, but none is marked default; ${have}.`,
        names.length
          ? `Name one of ${listing(names)} on the Database/Message queue step, or mark one default.`
          : 'Install a storage provisioner, or choose "no volume" (data is lost on restart).',
      );
    found.push(`default ${def[0]!.name} for ${w.who}`);
  }
  return pass(`StorageClass ${listing(found)} exists.`);
}

export async function gatherStorageClasses(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<StorageClassFacts[]> {
  const list = await apiClient(kc, StorageV1Api, { signal }).listStorageClass();
  return list.items.map((c) => ({
    name: c.metadata?.name ?? '',
    provisioner: c.provisioner,
    isDefault: isDefaultClass(c.metadata?.annotations),
  }));
}
