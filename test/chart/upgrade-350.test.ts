// The five 3.9.4 releases of docs/chart-3.50.md §13.1 (U1-U5), translated by lib/upgrade, render
// with chart-3.50/ under helm v4 and v3; the objects are those §13.1 names, and the MySQL
// StatefulSet's fixed fields match what chart/ (3.9.4) rendered for the same release, so the
// upgrade keeps the claim.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translateTo350 } from '../../lib/upgrade';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import { deepMerge, getPath, setPath, type Tree } from '../../lib/values/tree';
import { cleanup350, raw350, render350, valuesFile } from './chart350';
import {
  container,
  envOf,
  exampleConfigs,
  find,
  helmBinaries,
  maybe,
  names,
  template,
  volume,
  type K8sObject,
} from './helm';

afterAll(cleanup350);
const REL = 'acme';
const bins = helmBinaries();

/** What §13.1 says each upgraded release has (and has not), beyond rendering. */
const expectations: Record<string, (o: K8sObject[]) => void> = {
  U1: (o) => {
    expect(find(o, 'Ingress', `${REL}-router`).spec.ingressClassName).toBe('nginx');
    expect(maybe(o, 'StatefulSet', `${REL}-mq`)).toBeUndefined();
    expect(find(o, 'StatefulSet', `${REL}-mysql`).spec.template.spec.containers[0]!.image).toBe(
      'mysql:8.4.10',
    );
  },
  U2: (o) => {
    expect(find(o, 'Service', `${REL}-router`).spec.type).toBe('LoadBalancer');
    expect(maybe(o, 'Ingress', `${REL}-router`)).toBeUndefined();
    expect(find(o, 'Deployment', `${REL}-router`).spec.replicas).toBe(2);
  },
  U3: (o) => {
    expect(maybe(o, 'StatefulSet', `${REL}-mysql`)).toBeUndefined();
    expect(maybe(o, 'StatefulSet', `${REL}-mq`)).toBeUndefined();
    const be = envOf(container(find(o, 'Deployment', `${REL}-backend`), 'backend'));
    expect(be.SPRING_RABBITMQ_HOST).toBe('rabbit.corp.example');
  },
  U4: (o) => {
    const mq = find(o, 'StatefulSet', `${REL}-mq`);
    expect(mq.spec.volumeClaimTemplates).toBeUndefined();
    expect(volume(mq, `${REL}-mq-data`).emptyDir.sizeLimit).toBe('10Gi');
  },
  U5: (o) => {
    expect(find(o, 'Ingress', `${REL}-router`)).toBeDefined();
    expect(names(o).filter((n) => n.endsWith('-aes'))).toEqual([]);
  },
};

/** The fields of the MySQL StatefulSet Kubernetes does not let an update change. */
function mysqlFixed(o: K8sObject[]) {
  const s = maybe(o, 'StatefulSet', `${REL}-mysql`);
  if (!s) return undefined;
  const claims = (s.spec.volumeClaimTemplates ?? []).map((c) => ({
    name: c.metadata.name,
    spec: c.spec,
  }));
  return { selector: s.spec.selector, serviceName: s.spec.serviceName, claims };
}

describe.each(bins)('3.9.4 releases translated for chart-3.50, with $name', (bin) => {
  it.each(Object.entries(RELEASES_394))('%s renders as §13.1 says', (name, v394) => {
    const { values } = translateTo350(v394);
    const o = render350(bin, [values], { release: REL });
    expectations[name]!(o);
    for (const w of ['artifacts', 'crons'])
      expect(find(o, 'Deployment', `${REL}-${w}`).spec.template.spec.containers[0]!.image).toBe(
        `lightruncom/${w === 'crons' ? 'server' : w}:1.91.0-release.943266f167`,
      );
  });

  it.each(Object.entries(RELEASES_394))(
    '%s keeps the MySQL StatefulSet fields an update cannot change',
    (name, v394) => {
      const before = template([valuesFile(v394 as Tree)], { bin, release: REL, skipSchema: true });
      const after = render350(bin, [translateTo350(v394).values], { release: REL });
      // U3's database is external: neither chart renders MySQL
      if (name === 'U3') expect(mysqlFixed(before)).toBeUndefined();
      else expect(mysqlFixed(before)?.claims).toHaveLength(1);
      expect(mysqlFixed(after)).toEqual(mysqlFixed(before));
    },
  );
});

/** The CLI-rendered examples as the releases they would be (values.yaml over secrets.yaml). */
const examples = exampleConfigs().map((e): [string, Tree] => [
  e.name,
  e.files
    .map((f) => parse(readFileSync(f, 'utf8')) as Tree)
    .reduce((a, b) => deepMerge(a, b) as Tree),
]);
const ARTIFACTS = 'general.internal_tls.certificates.existing_certificates.artifacts';

describe.each(bins)('the examples translated for chart-3.50, with $name', (bin) => {
  it('there are examples to translate', () => expect(examples.length).toBeGreaterThan(5));

  it.each(examples)('%s renders once the steps that edit values are done', (_name, v394) => {
    const { values, rows } = translateTo350(v394);
    if (rows.some((r) => r.step === 'add-artifacts-certificate')) {
      // the step is needed: without it the chart refuses the values, naming the key
      const r = raw350(bin, [values], { release: REL });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(ARTIFACTS);
      setPath(values, ARTIFACTS.split('.'), 'acme-artifacts-tls');
    }
    const o = render350(bin, [values], { release: REL });
    const repo = getPath(v394, ['deployments', 'backend', 'image', 'repository']);
    if (typeof repo === 'string')
      expect(container(find(o, 'Deployment', `${REL}-crons`), 'crons').image).toBe(
        `${repo}:1.91.0-release.943266f167`,
      );
  });
});
