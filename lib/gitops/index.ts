/**
 * The GitOps export (docs/gitops.md): a plan's answers → the files an admin commits for Argo CD
 * or Flux, and the secret files kept out of git, or the refusals that say which answer would make
 * a controller re-render differently on each sync. PURE: the CLI writes the files.
 */
import type { Answers } from '../answers/schema';
import { renderValues } from '../values/render';
import { toYaml } from '../values/to-yaml';
import { APPLICATION_FILE, applicationYaml, VALUES_FILE } from './argocd';
import { FLUX_FILE, fluxYaml, kustomization } from './flux';
import { readme } from './readme';
import { optionProblems, stabilityRefusals } from './refusals';
import { secretFiles, secretTextPaths, splitSecretValues } from './secrets';
import type { ExportFile, ExportOptions, ExportResult, Problem } from './types';

export type * from './types';
export { REFUSALS } from './refusals';

const VALUES_HEADER = ` Lightrun Server values (chart %s) without secrets, for Argo CD (docs/gitops.md).`;

export function exportGitops(a: Answers, opts: ExportOptions): ExportResult {
  const values = renderValues(a).values;
  const refusals = [...optionProblems(opts), ...stabilityRefusals(a, values, opts)];
  if (refusals.length) return { files: [], refusals };
  const { git, secret } = splitSecretValues(values);
  const files: ExportFile[] = [];
  if (opts.for === 'argocd') {
    files.push({ path: APPLICATION_FILE, content: applicationYaml(a, git, opts), secret: false });
    if (opts.values === 'repo')
      files.push({
        path: VALUES_FILE,
        content: toYaml(git, { header: VALUES_HEADER.replace('%s', a.chart) }),
        secret: false,
      });
  } else {
    const withSecretValues = secretTextPaths(secret).length > 0;
    files.push({ path: FLUX_FILE, content: fluxYaml(a, git, withSecretValues), secret: false });
  }
  files.push(...secretFiles(a, secret, opts));
  if (opts.for === 'flux') files.push(kustomization(files, opts));
  files.push({ path: 'README.md', content: readme(a, secret, files, opts), secret: false });
  return { files, refusals: [] };
}

/**
 * The refusals of the answers alone, for these options (docs/gitops.md "What is refused"): what
 * the web Review shows before its Export button. The options' own problems are said at their
 * fields (options.ts).
 */
export function answerRefusals(a: Answers, opts: ExportOptions): Problem[] {
  return stabilityRefusals(a, renderValues(a).values, opts);
}
