// Wiring between rendered objects: which objects a pod, a Service, an Ingress or an HPA points to.
import { K8sObject, Of, Workload, isWorkload, podSpec } from './helm';

export type Ref = {
  from: string;
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key?: string;
  optional: boolean;
};

/** Every Secret/ConfigMap a workload's pods mount, read as env or pull images with. */
export function podRefs(w: Workload): Ref[] {
  const s = podSpec(w);
  const from = `${w.kind}/${w.metadata.name}`;
  const out: Ref[] = [];
  for (const v of s.volumes ?? []) {
    if (v.secret)
      out.push({ from, kind: 'Secret', name: v.secret.secretName, optional: !!v.secret.optional });
    if (v.configMap)
      out.push({
        from,
        kind: 'ConfigMap',
        name: v.configMap.name,
        optional: !!v.configMap.optional,
      });
    for (const p of v.projected?.sources ?? []) {
      if (p.secret)
        out.push({ from, kind: 'Secret', name: p.secret.name, optional: !!p.secret.optional });
      if (p.configMap)
        out.push({
          from,
          kind: 'ConfigMap',
          name: p.configMap.name,
          optional: !!p.configMap.optional,
        });
    }
  }
  for (const c of [...(s.initContainers ?? []), ...s.containers]) {
    const at = `${from}/${c.name}`;
    for (const e of c.env ?? []) {
      const sk = e.valueFrom?.secretKeyRef;
      const ck = e.valueFrom?.configMapKeyRef;
      if (sk)
        out.push({ from: at, kind: 'Secret', name: sk.name, key: sk.key, optional: !!sk.optional });
      if (ck)
        out.push({
          from: at,
          kind: 'ConfigMap',
          name: ck.name,
          key: ck.key,
          optional: !!ck.optional,
        });
    }
    for (const e of c.envFrom ?? []) {
      if (e.secretRef)
        out.push({
          from: at,
          kind: 'Secret',
          name: e.secretRef.name,
          optional: !!e.secretRef.optional,
        });
      if (e.configMapRef)
        out.push({
          from: at,
          kind: 'ConfigMap',
          name: e.configMapRef.name,
          optional: !!e.configMapRef.optional,
        });
    }
  }
  for (const p of s.imagePullSecrets ?? [])
    out.push({ from, kind: 'Secret', name: p.name, optional: false });
  return out;
}

export const workloads = (objs: K8sObject[]) => objs.filter(isWorkload);

/** The workloads whose pod labels carry every key/value of the selector. */
export function selected(objs: K8sObject[], selector: Record<string, string>): Workload[] {
  return workloads(objs).filter((w) =>
    Object.entries(selector).every(([k, v]) => w.spec.template.metadata?.labels?.[k] === v),
  );
}

/** A Service port's target (number or name) exists as a container port of every selected pod. */
export function targetExists(w: Workload, target: number | string): boolean {
  const ports = podSpec(w).containers.flatMap((c) => c.ports ?? []);
  return ports.some((p) =>
    typeof target === 'number' ? p.containerPort === target : p.name === target,
  );
}

/** The keys a rendered Secret or ConfigMap holds. */
export function keysOf(o: Of<'Secret'> | Of<'ConfigMap'>): string[] {
  const more = o.kind === 'Secret' ? o.stringData : o.binaryData;
  return [...Object.keys(o.data ?? {}), ...Object.keys(more ?? {})];
}
