import { expect } from 'vitest';
import { K8sObject, RELEASE, isWorkload, podSpec } from './helm';

// Invariants every configuration must keep.
export function checkInvariants(objs: K8sObject[], release = RELEASE) {
  for (const o of objs)
    expect(o.metadata.name.startsWith(`${release}`), `${o.kind}/${o.metadata.name}`).toBe(true);
  for (const w of objs.filter(isWorkload)) {
    const s = podSpec(w);
    for (const c of [...(s.initContainers ?? []), ...s.containers]) {
      const where = `${w.metadata.name}/${c.name}`;
      expect(c.image.endsWith(':'), where).toBe(false);
      expect(c.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(c.resources.requests, where).toEqual(c.resources.limits);
      const envNames = (c.env ?? []).map((e) => e.name);
      expect(new Set(envNames).size, `${where} duplicate env`).toBe(envNames.length);
    }
    expect(s.automountServiceAccountToken, w.metadata.name).toBe(false);
  }
}
