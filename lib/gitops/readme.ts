/** The README.md inside the export: how to commit it and point the controller at it. PURE. */
import type { Answers } from '../answers/schema';
import { ARGOCD_NAMESPACE, APPLICATION_FILE } from './argocd';
import { chartSource } from './chart-source';
import { contractSecrets } from './contract-keys';
import { FLUX_FILE } from './flux';
import { EXTERNAL_SECRETS_FILE, secretTextPaths, valuesSecretName, VALUES_KEY } from './secrets';
import type { ExportFile, ExportOptions } from './types';
import type { Tree } from '../values/tree';

function applyLines(a: Answers, opts: ExportOptions): string[] {
  const c = chartSource(a);
  if (opts.for === 'argocd')
    return [
      `- Register the chart's registry once: \`argocd repo add ${c.registry} --type helm --enable-oci --name lightrun\`.`,
      `- Point Argo CD at it: \`kubectl apply -n ${ARGOCD_NAMESPACE} -f ${APPLICATION_FILE}\` (or let an app-of-apps pick the file up), then sync.`,
    ];
  return [
    `- Point Flux at the directory: \`flux create kustomization lightrun --source=GitRepository/<your-repo> --path=${opts.path ?? '<this directory>'} --prune=true${opts.secrets === 'sops' ? ' --decryption-provider=sops --decryption-secret=<your sops key Secret>' : ''}\`; it applies kustomization.yaml (${FLUX_FILE}${opts.secrets === 'sops' ? ' and the encrypted Secrets' : ''}).`,
    `- Flux renders chart ${c.version} from ${c.url}; \`flux get helmreleases -n ${a.release.namespace}\` shows the result.`,
  ];
}

function secretLines(a: Answers, secret: Tree, files: ExportFile[], opts: ExportOptions): string[] {
  const kept = files.filter((f) => f.secret).map((f) => f.path);
  const lines: string[] = [];
  if (opts.secrets === 'external-secrets')
    lines.push(
      `- ${EXTERNAL_SECRETS_FILE} makes the Secrets from your store \`${opts.externalStore?.name}\`: it holds no value and is committed. The store keys it reads:`,
    );
  else if (opts.secrets === 'sops')
    lines.push(
      `- Encrypt ${kept.join(' and ')} before the first commit (\`sops --encrypt --in-place <file>\`, .sops.yaml says what${contractSecrets(a).length ? '; fill in the empty values first' : ''}); never commit them in the clear.`,
    );
  else
    lines.push(
      `- ${kept.join(' and ')} stay out of git (.gitignore): apply them yourself, \`kubectl apply -f <file>\`.`,
    );
  const prefix = opts.secrets === 'external-secrets' ? (opts.externalStore?.keyPrefix ?? '') : '';
  const paths = secretTextPaths(secret);
  if (paths.length)
    lines.push(
      `  - Secret ${valuesSecretName(a)}, key ${VALUES_KEY}: the chart values ${paths.map((p) => `\`${prefix}${p.join('.')}\``).join(', ')}`,
    );
  for (const s of contractSecrets(a))
    lines.push(
      `  - Secret ${s.name}, ${s.role}: ${s.keys.map((k) => ('store' in k ? `${k.key} ← \`${prefix}${k.store}\`` : `${k.key} = ${k.fixed}`)).join(', ')}`,
    );
  return lines;
}

export function readme(a: Answers, secret: Tree, files: ExportFile[], opts: ExportOptions): string {
  const tool = opts.for === 'argocd' ? 'Argo CD' : 'Flux';
  return [
    `# Lightrun Server ${a.release.name} for ${tool} (chart ${a.chart})`,
    '',
    'Written by the install wizard (`cli export`; see docs/gitops.md in the wizard).',
    '',
    '- Commit this directory to the repository your controller watches: `git add . && git commit`.',
    ...applyLines(a, opts),
    ...secretLines(a, secret, files, opts),
    opts.for === 'flux'
      ? `- Create namespace ${a.release.namespace} first: Flux applies into it.`
      : `- Argo CD creates namespace ${a.release.namespace} (CreateNamespace=true) and applies with ServerSideApply=true.`,
    '- Change a value: export again from the same plan and commit; keys and passwords stay as they are.',
    '',
  ].join('\n');
}
