// The GitOps export loses nothing (docs/gitops.md): every example's plan exported for Flux, its
// git-bound values (the HelmRelease's spec.values) merged with the secret ones (the Secret's
// values.yaml) as Flux's valuesFrom places them, renders with the test chart (chart/ for 3.9.4,
// chart-3.50/ for 3.50) exactly as the wizard's normal values file does; the Argo CD export of
// the plans with Secrets outside the chart does the same with its valuesObject; and rendering an
// export twice gives the same objects (no key or certificate made anew).
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { exportGitops, type ExportFile } from '../../lib/gitops';
import { renderYaml } from '../../lib/values';
import { deepMerge, type Tree } from '../../lib/values/tree';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import type { Answers } from '../../lib/answers/schema';
import { chart350Dir, helmBinaries, template, type HelmBin, type K8sObject } from './helm';
import { chartDir } from './helm';
import { cleanup350, valuesFile } from './chart350';

afterAll(cleanup350);

const all = examples();
/** Secrets YAML (or a `--set` parser) would misread: commas, quotes, YAML words, lines. */
function hostile(a: Answers): Answers {
  const out = structuredClone(a);
  out.database.password = 'a,b=c: "d" \'e\' #f {g} [h] yes';
  out.license = { content: 'line one\nline two, with: colon\n', signature: '0123' };
  if (out.secrets.mode === 'chart') out.secrets.keycloakPassword = 'on & off % ${x}';
  return out;
}

const quick = all.find((e) => e.name === 'quick-default')!;
const plans: { name: string; chart: string; a: Answers }[] = [
  ...all.map((e) => ({ name: e.name, chart: '3.9.4', a: e.answers })),
  ...all.map((e) => ({ name: e.name, chart: '3.50.0', a: answers350(e) })),
  { name: 'hostile secrets', chart: '3.9.4', a: hostile(quick.answers) },
  { name: 'hostile secrets', chart: '3.50.0', a: hostile(answers350(quick)) },
];

const doc = (files: ExportFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`the export has no ${path}`);
  return parseAllDocuments(f.content).map((d) => d.toJS() as Tree);
};

function render(bin: HelmBin, a: Answers, values: unknown): K8sObject[] {
  const chart = a.chart === '3.50.0' ? chart350Dir : chartDir;
  return template([valuesFile(values)], { bin, chart });
}

/** The values Flux hands helm: the valuesFrom Secret's document, spec.values merged over it. */
function fluxValues(files: ExportFile[]): Tree {
  const release = doc(files, 'flux.yaml')[1] as { spec: { values: Tree } };
  const secret = files.some((f) => f.path === 'secret-values.yaml')
    ? (parse(
        (doc(files, 'secret-values.yaml')[0] as { stringData: Record<string, string> }).stringData[
          'values.yaml'
        ]!,
      ) as Tree)
    : {};
  return deepMerge(secret, release.spec.values) as Tree;
}

const wizardValues = (a: Answers) => parse(renderYaml(a).values) as Tree;

describe.each(helmBinaries())('the GitOps export renders as the wizard’s values, $name', (bin) => {
  it('there are plans of both profiles to export', () => {
    const exported = plans.filter(
      (p) => exportGitops(p.a, { for: 'flux', secrets: 'sops' }).refusals.length === 0,
    );
    expect(exported.filter((p) => p.chart === '3.9.4').length).toBeGreaterThanOrEqual(6);
    expect(exported.filter((p) => p.chart === '3.50.0').length).toBeGreaterThanOrEqual(5);
  });

  it.each(plans)('Flux: $name, chart $chart', ({ a }) => {
    const out = exportGitops(a, { for: 'flux', secrets: 'secret-manifest' });
    expect(out.refusals).toEqual([]);
    const values = fluxValues(out.files);
    const exported = render(bin, a, values);
    expect(exported).toEqual(render(bin, a, wizardValues(a)));
    expect(render(bin, a, values)).toEqual(exported); // a second sync: the same objects
  });

  it.each(plans.filter((p) => p.a.secrets.mode === 'existing'))(
    'Argo CD: $name, chart $chart',
    ({ a }) => {
      const out = exportGitops(a, {
        for: 'argocd',
        values: 'inline',
        secrets: 'external-secrets',
        externalStore: { name: 's', kind: 'SecretStore', keyPrefix: '' },
      });
      expect(out.refusals).toEqual([]);
      const app = doc(out.files, 'application.yaml')[0] as {
        spec: { source: { helm: { valuesObject: Tree } } };
      };
      expect(render(bin, a, app.spec.source.helm.valuesObject)).toEqual(
        render(bin, a, wizardValues(a)),
      );
    },
  );
});
