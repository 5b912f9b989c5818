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
import {
  HelmBin,
  exampleConfigs,
  find,
  fixturesDir,
  helmBinaries,
  isKind,
  mergedValues,
  template,
  templateRaw,
} from './helm';
import { checkWiring, podRefs, selected, workloads } from './wiring';

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
