// Generated artefacts, each derived from one source: values.schema.json and docs/answers.md from
// lib/answers (via lib/values/values-schema), chart-defaults.json and chart-defaults-350.json from
// chart/values.yaml and chart-3.50/values.yaml,
// lib/answers/secret-paths.json (the secret fields, for the zod-free browser code) from the schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  answersShapeSchema,
  branchDefault,
  defaultAnswers,
  SECRET_ANSWER_PATHS,
} from '../../lib/answers';
import { valuesJsonSchema } from '../../lib/values/values-schema';
import { renderYaml } from '../../lib/values';
import { loadAnswers } from '../../cli/main';
import { stringify } from 'yaml';
import {
  IN_CLUSTER_DEFAULTS,
  inClusterHeader,
  inClusterObjects,
} from '../../lib/cluster/in-cluster';

export const root = path.resolve(__dirname, '..', '..');

export type Artefact = { file: string; content: string };

/**
 * Every generated artefact, by source: each group makes its files only when called, so a test can
 * compute one group inside its body (a mutation run switches the mutant on per test: output
 * computed while the test file loads would be the unmutated code's).
 */
export const ARTEFACT_GROUPS: { name: string; make: () => Artefact[] }[] = [
  {
    name: 'values schema',
    make: () => [
      {
        file: 'chart/values.schema.json',
        content: `${JSON.stringify(valuesJsonSchema(), null, 2)}\n`,
      },
    ],
  },
  {
    name: 'chart defaults',
    make: () => [
      { file: 'lib/values/chart-defaults.json', content: chartDefaultsJson('chart') },
      { file: 'lib/values/chart-defaults-350.json', content: chartDefaultsJson('chart-3.50') },
    ],
  },
  { name: 'answers reference', make: () => [{ file: 'docs/answers.md', content: answersDoc() }] },
  {
    name: 'secret paths',
    make: () => [
      {
        file: 'lib/answers/secret-paths.json',
        content: `${JSON.stringify(SECRET_ANSWER_PATHS, null, 2)}\n`,
      },
    ],
  },
  { name: 'example values', make: () => exampleValues() },
  { name: 'in-cluster manifests', make: () => inClusterManifests() },
];

export function generateAll(): Artefact[] {
  return ARTEFACT_GROUPS.flatMap((g) => g.make());
}

/** deploy/lightrun-wizard.yaml (loopback, port-forward) and deploy/lightrun-wizard-network.yaml. */
export function inClusterManifests(): Artefact[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const o = { ...IN_CLUSTER_DEFAULTS, image: `lightrun-install-wizard:${pkg.version}` };
  return (
    [
      ['deploy/lightrun-wizard.yaml', false],
      ['deploy/lightrun-wizard-network.yaml', true],
    ] as const
  ).map(([file, network]) => ({
    file,
    content: `${inClusterHeader(o, network).join('\n')}\n${inClusterObjects(o, network)
      .map((m) => `---\n${stringify(m, { lineWidth: 0, aliasDuplicateObjects: false })}`)
      .join('')}`,
  }));
}

/**
 * The answers files of each example, one per chart profile: `answers.yaml` (chart 3.9.4) and
 * `answers-3.50.yaml` (the same install for chart 3.50.0, with its own encryption key), with the
 * suffix their rendered files take.
 */
export const EXAMPLE_PROFILES = [
  { answers: 'answers.yaml', suffix: '' },
  { answers: 'answers-3.50.yaml', suffix: '-3.50' },
] as const;

/**
 * examples/<name>/values.yaml (and secrets.yaml when the answers file says
 * `# render: --split-secrets`), exactly as `cli -- render --out-dir` writes them; the same from
 * answers-3.50.yaml as values-3.50.yaml and secrets-3.50.yaml.
 */
export function exampleValues(): Artefact[] {
  const dir = path.join(root, 'examples');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(path.join(dir, d.name)).includes('answers.yaml'))
    .flatMap((d) =>
      EXAMPLE_PROFILES.flatMap(({ answers, suffix }) => {
        const file = path.join(dir, d.name, answers);
        if (!existsSync(file)) return [];
        const split = /^# render: .*--split-secrets/m.test(readFileSync(file, 'utf8'));
        const out = renderYaml(loadAnswers(file), { splitSecrets: split });
        const at = (f: string) => `examples/${d.name}/${f}${suffix}.yaml`;
        const files: Artefact[] = [{ file: at('values'), content: out.values }];
        if (out.secrets !== null) files.push({ file: at('secrets'), content: out.secrets });
        return files;
      }),
    );
}

/** A test chart's values.yaml (the vendor chart's defaults, as data) as JSON. */
function chartDefaultsJson(dir: 'chart' | 'chart-3.50'): string {
  const text = readFileSync(path.join(root, dir, 'values.yaml'), 'utf8');
  return `${JSON.stringify(parse(text, { version: '1.1' }), null, 2)}\n`;
}

type JS = {
  type?: string | string[];
  properties?: Record<string, JS>;
  anyOf?: JS[];
  oneOf?: JS[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  description?: string;
  items?: JS;
  minimum?: number;
  maximum?: number;
  required?: string[];
};
type Row = { path: string; type: string; detail: string; description: string; branch: Branch };

function typeOf(s: JS): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf)!.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'integer' || s.type === 'number')
    return `${s.type}${s.minimum !== undefined ? ` ≥ ${s.minimum}` : ''}${s.maximum !== undefined && s.maximum < 1e9 ? ` ≤ ${s.maximum}` : ''}`;
  return String(s.type ?? 'any');
}

function walk(s: JS, p: string, rows: Row[], branch = '', b: Branch = null): void {
  const variants = s.anyOf ?? s.oneOf;
  if (variants && variants.every((v) => v.type === 'object')) {
    for (const v of variants) {
      const disc = Object.entries(v.properties ?? {}).find(([, ps]) => ps.const !== undefined);
      walk(
        v,
        p,
        rows,
        disc ? `${p}.${disc[0]} = ${JSON.stringify(disc[1].const)}` : branch,
        disc ? { at: p, value: disc[1].const } : b,
      );
    }
    return;
  }
  if (s.type === 'object' && s.properties) {
    for (const [k, v] of Object.entries(s.properties))
      walk(v, p ? `${p}.${k}` : k, rows, branch, b);
    return;
  }
  const secret = SECRET_ANSWER_PATHS.includes(p) ? ' **secret**' : '';
  rows.push({
    path: p,
    type: typeOf(s),
    detail: branch ? `when ${branch}` : '',
    description: `${s.description ?? ''}${s.pattern ? ` Pattern \`${s.pattern}\`.` : ''}${secret}`,
    branch: b,
  });
}

type Branch = { at: string; value: unknown } | null;

/** The default of a field: inside a branch, that branch's fresh value; else the answers default. */
function defaultAt(p: string, branch: Branch): string {
  let base: unknown = defaultAnswers();
  let rest = p.split('.');
  if (branch) {
    base = branchDefault(branch.at, branch.value);
    rest = p.slice(branch.at.length + 1).split('.');
  }
  let cur = base;
  for (const k of rest)
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur === undefined ? '' : `\`${JSON.stringify(cur)}\``;
}

function answersDoc(): string {
  const schema = z.toJSONSchema(answersShapeSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
    io: 'input',
  }) as JS;
  const rows: Row[] = [];
  walk(schema, '', rows);
  const seen = new Set<string>();
  const lines = rows
    .filter((r) => {
      const id = `${r.path}|${r.detail}`;
      return seen.has(id) ? false : (seen.add(id), true);
    })
    .map(
      (r) =>
        `| \`${r.path}\` | ${r.type.replace(/\|(?!\|)/g, '\\|').replace(/\\\\\|/g, '\\|')} | ${defaultAt(r.path, r.branch)} | ${r.detail} | ${r.description.replace(/\|/g, '\\|')} |`,
    );
  return [
    '# The answers file',
    '',
    '<!-- Generated by `npm run gen` from lib/answers; do not edit by hand. -->',
    '',
    'An answers file (JSON or YAML) holds every decision of an install. It is what the wizard edits,',
    'what `npm run --silent cli -- render --answers FILE` renders, and what `cli -- import` produces',
    'from a values.yaml. A file need only give what differs from the defaults: missing keys take',
    "the defaults below, and a choice that switches branch starts from that branch's defaults.",
    'Unknown keys are errors (a typo is reported, never silently dropped). `passthrough` holds',
    'values keys the wizard does not model, rendered back verbatim.',
    '',
    "Cross-field rules (secrets required when the chart deploys them, internal TLS vs the chart's",
    'nginx, certificate names per component, network policy directions, HPA bounds…) are checked',
    'by `cli -- validate` and reported as `path: message`.',
    '',
    '**Chart profile.** `chart` names the Lightrun chart the values are written for: `3.9.4` (the',
    'default, and what a file without the key means) or `3.50.0` ([chart-3.50.md](chart-3.50.md)).',
    'So far a 3.50 plan is the 3.9.4 plan translated: `cli -- render` writes the 3.9.4 override',
    'file, translated as [chart-3.50.md §13.2](chart-3.50.md#132-what-each-394-answer-becomes) says',
    '(the router replaces the legacy exposure, `mq.enabled` is written out, the 1.91 image tags…),',
    'plus the answers only 3.50 has. `secrets.encryptionKey`, generated once by the wizard (a',
    'file for the CLI gives its own, `openssl rand -base64 32`) and written as',
    '`secrets.keysEncryption.userEncryptionKey` with `rotateKey: false` (§10), so every',
    "render of the plan carries the same key; it is required for 3.50 with the chart's Secrets and",
    'never written for 3.9.4. The complete (`--full`) 3.50 file is that override file over chart',
    "3.50.0's own defaults (a `null` in the override removes the chart's map, as helm does). The",
    'release name has at most 45 characters for 3.9.4 and 43 for 3.50 (the names the charts derive',
    'from it must fit 63: [chart-3.50.md G10](chart-3.50.md)). The preflight and the install take a',
    '3.50 plan with the chart of its profile (`bundled` is `chart-3.50/`; no chart named is',
    "Lightrun's chart at 3.50.0); an install over a release of the other chart is refused. Switched",
    'to 3.50 on step 1, a plan whose message queue the admin has not chosen gets a local one with',
    "generated credentials (3.50's chart has it on, T1). Not yet for 3.50: internal TLS from",
    'existing Secrets (the artifacts certificate, T6).',
    '',
    '**Only in a 3.50 plan** (refused in a 3.9.4 plan: chart 3.9.4 has no such keys; the wizard',
    'clears them when the plan goes back to 3.9.4). `customCa`, a CA Keycloak trusts (an LDAPS',
    "server's): `none` (also what an absent key means), `inline` with the CA's PEM, written base64",
    'as `secrets.customCa.customCaCertificate` (the chart makes Secret `<release>-custom-ca-certificate`),',
    'or `existing` with the name of a Secret whose `*.pem` keys Keycloak loads',
    '(`secrets.customCa.existingCaSecret`). One choice, so never both (F1); `inline` needs the',
    "chart's Secrets (F2); neither goes with self-signed internal TLS (T8, T9); the PEM must be a",
    'CA certificate (read on the server and by the CLI). It is a public certificate, so not a',
    'secret answer; in the files it still lands in `secrets.yaml`, with everything under `secrets`',
    '([chart-3.50.md §9](chart-3.50.md)). `systemConfig`, the signed configuration Lightrun sends:',
    '`content` and `signature`, both or neither (one alone does nothing), each the base64 text as',
    'sent, not the JSON (T11); written as `general.system_config` (ConfigMap',
    "`<release>-system-config`). Signed, not secret. `workloads` (absent: the chart's own",
    'behaviour): `crons` (`general.crons.enabled`, on by default; off saves 1 CPU and 2Gi and leaves',
    'the jobs crons runs to nobody the vendor names); `heapDumps`, `off` (an `emptyDir` per pod) or',
    '`claim` with the name of an existing PersistentVolumeClaim, one claim for `/dumps` of the backend',
    'and of crons while it runs (`deployments.{backend,crons}.dumpsPersistence`): a claim name is',
    'required (an empty one is T5) and a DNS-1123 name; a warning says it must be ReadWriteMany',
    'when crons shares it or the backend may run more than one pod, and preflight reads the',
    "claim's access modes. `nodeSelector` (`key=value` lines) and `tolerations` (taint lines,",
    '`key[=value][:Effect]`) become `general.nodeSelector` and `general.tolerations`; the selector',
    'is repeated into `deployments.{mysql,rabbitmq}.nodeSelector` for the in-chart MySQL and',
    'RabbitMQ, which read only their own ([chart-3.50.md §8.9](chart-3.50.md)), unless the plan',
    'keeps their own selector from an imported file.',
    '',
    '| Path | Type | Default | Applies | Notes |',
    '|------|------|---------|---------|-------|',
    ...lines,
    '',
  ].join('\n');
}
