// Wiring, not names: for every representative configuration (each fixture over base.yaml, the
// §17 list of docs/chart-3.9.4.md, and every example the CLI renders), on helm v4 and v3:
// - every Service selects at least one workload, and each target port exists on those pods;
// - every Ingress backend is a rendered Service with that port;
// - every Secret/ConfigMap a pod mounts, reads or pulls with is rendered (with the key it reads),
//   or is one of the existing-object names the values themselves give;
// - every HPA scales a rendered Deployment that leaves `replicas` to it;
// and the HPA guard at its boundary (replicas = maxReplicas renders, one more fails).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPath, isMap, type Tree } from '../../lib/values/tree';
import {
  HelmBin,
  K8sObject,
  exampleConfigs,
  find,
  fixturesDir,
  helmBinaries,
  isKind,
  maybe,
  mergedValues,
  template,
  templateRaw,
} from './helm';
import { keysOf, podRefs, selected, targetExists, workloads } from './wiring';

const fx = (n: string) => path.join(fixturesDir, n);
const configs = [
  ...readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      name: `fixture ${f}`,
      files: f === 'base.yaml' ? [fx(f)] : [fx('base.yaml'), fx(f)],
    })),
  ...exampleConfigs().map((e) => ({ name: `example ${e.name}`, files: e.files })),
];

/** The names of objects the values say exist already (made by the admin, not the chart). */
function existingNames(v: Tree): Set<string> {
  const at = (t: unknown, path: string) => getPath(t, path.split('.'));
  const valuesOf = (t: unknown) => (isMap(t) ? Object.values(t) : []);
  const out = [
    at(v, 'certificate.existing_cert'),
    at(v, 'secrets.defaults.dockerhub_config.existingSecret'),
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

function checkWiring(objs: K8sObject[], values: Tree) {
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

const bins = helmBinaries();

describe.each(bins)('wiring with $name', (bin: HelmBin) => {
  it.each(configs)('$name', ({ files }) => {
    const objs = template(files, { bin });
    expect(checkWiring(objs, mergedValues(files))).toEqual([]);
    // The check must have had something to check.
    expect(objs.filter((o) => o.kind === 'Service').length).toBeGreaterThan(3);
  });

  it('the checks see a broken wiring (a Service port retargeted, a Secret name changed)', () => {
    const objs = template([fx('base.yaml')], { bin });
    const svc = objs.filter(isKind('Service')).find((o) => o.spec?.selector)!;
    const broken = structuredClone(objs);
    const s = find(broken, 'Service', svc.metadata.name);
    s.spec.ports[0]!.targetPort = 65001;
    const w = workloads(broken).find((x) =>
      podRefs(x).some((r) => r.kind === 'Secret' && !r.optional),
    )!;
    const ref = podRefs(w).find((r) => r.kind === 'Secret' && !r.optional)!;
    const sec = find(broken, 'Secret', ref.name);
    sec.metadata.name = `${ref.name}-renamed`;
    const problems = checkWiring(broken, mergedValues([fx('base.yaml')]));
    expect(problems).toContain(
      `Service/${svc.metadata.name} port ${svc.spec.ports[0]!.port} -> 65001: no such port on ${selected(broken, s.spec.selector)[0]!.kind}/${selected(broken, s.spec.selector)[0]!.metadata.name}`,
    );
    expect(
      problems.some((p) =>
        p.endsWith(`-> Secret/${ref.name}: neither rendered nor named in the values`),
      ),
    ).toBe(true);
  });

  it.each(['backend', 'frontend'])(
    '%s HPA guard: replicas equal to maxReplicas renders, one more fails',
    (c) => {
      const set = (replicas: number) => [
        `deployments.${c}.hpa.enabled=true`,
        `deployments.${c}.hpa.maxReplicas=4`,
        `deployments.${c}.replicas=${replicas}`,
      ];
      const ok = template([fx('base.yaml')], { bin, set: set(4) });
      const hpa = ok
        .filter(isKind('HorizontalPodAutoscaler'))
        .find((o) => o.spec.scaleTargetRef.name.endsWith(`-${c}`))!;
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([4, 4]);
      const over = templateRaw([fx('base.yaml')], { bin, set: set(5), skipSchema: true });
      expect(over.code).not.toBe(0);
      expect(over.stderr).toContain(
        `deployments.${c}: replicas (5) must not exceed hpa.maxReplicas (4)`,
      );
    },
  );

  it('without an HPA the Deployment carries the replica count itself', () => {
    const objs = template([fx('base.yaml')], {
      bin,
      set: ['deployments.backend.hpa.enabled=false', 'deployments.backend.replicas=3'],
    });
    expect(
      objs
        .filter((o) => o.kind === 'HorizontalPodAutoscaler')
        .map((o) => o.spec.scaleTargetRef.name),
    ).not.toContain('lr-backend');
    expect(find(objs, 'Deployment', 'lr-backend').spec.replicas).toBe(3);
  });
});
