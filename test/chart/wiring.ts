// Wiring between rendered objects: which objects a pod, a Service, an Ingress or an HPA points to.
import { getPath, isMap, type Tree } from '../../lib/values/tree';
import { K8sObject, Of, Workload, isKind, isWorkload, maybe, podSpec } from './helm';

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

/** The names of objects the values say exist already (made by the admin, not the chart). */
export function existingNames(v: Tree): Set<string> {
  const at = (t: unknown, path: string) => getPath(t, path.split('.'));
  const valuesOf = (t: unknown) => (isMap(t) ? Object.values(t) : []);
  const out = [
    at(v, 'certificate.existing_cert'),
    at(v, 'secrets.defaults.dockerhub_config.existingSecret'),
    at(v, 'secrets.customCa.existingCaSecret'), // chart-3.50
  ];
  const ds = at(v, 'general.deploy_secrets');
  if (isMap(ds) && ds.enabled === false) out.push(...valuesOf(ds.existing_secrets));
  const tls = at(v, 'general.internal_tls');
  if (
    isMap(tls) &&
    tls.enabled &&
    at(tls, 'certificates.source') !== 'generate_self_signed_certificates'
  ) {
    out.push(
      at(tls, 'certificates.existing_ca_secret_name'),
      ...valuesOf(at(tls, 'certificates.existing_certificates')),
    );
  }
  return new Set(out.filter((x): x is string => typeof x === 'string' && x !== ''));
}

/** Every broken link between the rendered objects, as readable lines (none: []). */
export function checkWiring(objs: K8sObject[], values: Tree) {
  const problems: string[] = [];
  for (const svc of objs.filter(isKind('Service')).filter((o) => o.spec?.selector)) {
    const pods = selected(objs, svc.spec.selector);
    if (pods.length === 0) problems.push(`Service/${svc.metadata.name} selects no workload`);
    for (const p of svc.spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      for (const w of pods)
        if (!targetExists(w, target))
          problems.push(
            `Service/${svc.metadata.name} port ${p.port} -> ${target}: no such port on ${w.kind}/${w.metadata.name}`,
          );
    }
  }
  for (const ing of objs.filter((o) => o.kind === 'Ingress')) {
    const backends = [
      ing.spec.defaultBackend,
      ...(ing.spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((x) => x.backend)),
    ].filter(Boolean);
    for (const b of backends) {
      const svc = maybe(objs, 'Service', b.service.name);
      const port = b.service.port;
      if (!svc)
        problems.push(`Ingress/${ing.metadata.name} -> Service/${b.service.name}: not rendered`);
      else if (
        !svc.spec.ports.some((p) =>
          port.number !== undefined ? p.port === port.number : p.name === port.name,
        )
      ) {
        problems.push(
          `Ingress/${ing.metadata.name} -> Service/${b.service.name} port ${JSON.stringify(port)}: no such port`,
        );
      }
    }
  }
  const existing = existingNames(values);
  for (const r of workloads(objs).flatMap(podRefs)) {
    const o = maybe(objs, r.kind, r.name);
    if (!o) {
      if (!r.optional && !existing.has(r.name))
        problems.push(`${r.from} -> ${r.kind}/${r.name}: neither rendered nor named in the values`);
    } else if (r.key !== undefined && !r.optional && !keysOf(o).includes(r.key)) {
      problems.push(
        `${r.from} -> ${r.kind}/${r.name} key ${r.key}: not in it (has ${keysOf(o).join(', ')})`,
      );
    }
  }
  for (const hpa of objs.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const t = hpa.spec.scaleTargetRef;
    const d = workloads(objs).find((w) => w.kind === t.kind && w.metadata.name === t.name);
    if (!d) problems.push(`HPA/${hpa.metadata.name} -> ${t.kind}/${t.name}: not rendered`);
    else if (d.spec.replicas !== undefined)
      problems.push(
        `HPA/${hpa.metadata.name}: ${t.kind}/${t.name} still sets replicas (${d.spec.replicas}), which fights the autoscaler`,
      );
    if (hpa.spec.minReplicas > hpa.spec.maxReplicas)
      problems.push(`HPA/${hpa.metadata.name}: minReplicas > maxReplicas`);
  }
  return problems;
}
