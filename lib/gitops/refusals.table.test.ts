import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Answers } from '../answers/schema';
import { getPath, type Tree } from '../values/tree';
import { answers350, examples } from '../values/__fixtures__/examples-350';
import { answerRefusals, exportGitops, REFUSALS, type ExportOptions } from '.';

// docs/gitops.md "What is refused": each row, the refused side and the passing side, with both
// chart profiles. A refused export writes no file and names the field.
const byName = (n: string) => examples().find((e) => e.name === n)!;
const chart394 = () => structuredClone(byName('quick-default').answers);
const chart350 = () => answers350(byName('quick-default'));
const outside394 = () => structuredClone(byName('secrets-outside').answers);
const outside350 = () => answers350(byName('secrets-outside'));

const FLUX: ExportOptions = { for: 'flux', secrets: 'secret-manifest' };
const ARGO: ExportOptions = {
  for: 'argocd',
  values: 'inline',
  secrets: 'external-secrets',
  externalStore: { name: 'vault', kind: 'ClusterSecretStore', keyPrefix: 'lr/' },
};

const fields = (a: Answers, o: ExportOptions = FLUX) =>
  exportGitops(a, o).refusals.map((p) => p.path);

function edit(a: Answers, f: (a: Answers) => void): Answers {
  f(a);
  return a;
}

type Row = { name: string; answers: () => Answers; opts?: ExportOptions; refused: string[] };

const rows: Row[] = [
  // secrets.encryptionKey: chart 3.50 makes it with lookup when none is given (docs/chart-3.50.md §10)
  {
    name: '3.50, chart Secrets, key empty',
    answers: () =>
      edit(chart350(), (a) => a.secrets.mode === 'chart' && (a.secrets.encryptionKey = '')),
    refused: ['secrets.encryptionKey'],
  },
  {
    name: '3.50, chart Secrets, key absent',
    answers: () =>
      edit(chart350(), (a) => a.secrets.mode === 'chart' && delete a.secrets.encryptionKey),
    refused: ['secrets.encryptionKey'],
  },
  { name: '3.50, chart Secrets, key given', answers: chart350, refused: [] },
  {
    name: '3.9.4, chart Secrets, no key (3.9.4 has none)',
    answers: () =>
      edit(chart394(), (a) => a.secrets.mode === 'chart' && delete a.secrets.encryptionKey),
    refused: [],
  },
  {
    name: '3.50, Secrets outside the chart (encryption-key-0 is the admin’s)',
    answers: outside350,
    refused: [],
  },
  // internalTls.mode: self-signed certificates are hook objects made anew by each render
  {
    name: '3.9.4, self-signed internal TLS',
    answers: () => edit(chart394(), (a) => (a.internalTls = { mode: 'self-signed' })),
    refused: ['internalTls.mode'],
  },
  {
    name: '3.50, self-signed internal TLS',
    answers: () => edit(chart350(), (a) => (a.internalTls = { mode: 'self-signed' })),
    refused: ['internalTls.mode'],
  },
  {
    name: '3.9.4, internal TLS off',
    answers: () => edit(chart394(), (a) => (a.internalTls = { mode: 'off' })),
    refused: [],
  },
  {
    name: '3.50, internal TLS off',
    answers: () => edit(chart350(), (a) => (a.internalTls = { mode: 'off' })),
    refused: [],
  },
  {
    name: '3.9.4, existing internal-TLS certificates',
    answers: () => structuredClone(byName('internal-tls-private-ca').answers),
    refused: [],
  },
  // apiKeysEncryption.aesKey: 3.9.4 does not generate it (docs/chart-3.9.4.md §5)
  {
    name: '3.9.4, AES on, key empty',
    answers: () =>
      edit(
        chart394(),
        (a) => (a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' }),
      ),
    refused: ['apiKeysEncryption.aesKey'],
  },
  {
    name: '3.9.4, AES on, key given',
    answers: () =>
      edit(
        chart394(),
        (a) =>
          (a.apiKeysEncryption = {
            enabled: true,
            aesKey: '0123456789abcdef0123456789abcdef',
            mountPath: '/keys',
          }),
      ),
    refused: [],
  },
  {
    name: '3.9.4, AES off',
    answers: () => edit(chart394(), (a) => (a.apiKeysEncryption = { enabled: false })),
    refused: [],
  },
  {
    name: '3.9.4, AES on, key empty, Secrets outside the chart (the admin’s aes Secret)',
    answers: outside394,
    refused: [],
  },
  {
    name: '3.50, AES on, key empty (3.50 has no AES key)',
    answers: () =>
      edit(
        chart350(),
        (a) => (a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' }),
      ),
    refused: [],
  },
  // secrets.mode with Argo CD: the values would carry the secrets into git
  {
    name: '3.9.4, Argo CD, chart Secrets',
    answers: chart394,
    opts: ARGO,
    refused: ['secrets.mode'],
  },
  {
    name: '3.50, Argo CD, chart Secrets',
    answers: chart350,
    opts: ARGO,
    refused: ['secrets.mode'],
  },
  {
    name: '3.9.4, Argo CD, Secrets outside the chart',
    answers: outside394,
    opts: ARGO,
    refused: [],
  },
  {
    name: '3.50, Argo CD, Secrets outside the chart',
    answers: outside350,
    opts: ARGO,
    refused: [],
  },
  { name: '3.9.4, Flux, chart Secrets', answers: chart394, opts: FLUX, refused: [] },
  // the options
  {
    name: 'Flux with values from the repository',
    answers: chart394,
    opts: { ...FLUX, values: 'repo' },
    refused: ['--values'],
  },
  {
    name: 'Argo CD, values from the repository, no repository',
    answers: outside394,
    opts: { ...ARGO, values: 'repo' },
    refused: ['--repo-url'],
  },
  {
    name: 'Argo CD, values from the repository, a repository',
    answers: outside394,
    opts: { ...ARGO, values: 'repo', repoUrl: 'https://git.example.com/ops.git' },
    refused: [],
  },
  {
    name: 'External Secrets without a store',
    answers: chart394,
    opts: { ...FLUX, secrets: 'external-secrets' },
    refused: ['--store'],
  },
];

describe('the export refusals (docs/gitops.md)', () => {
  it.each(rows)('$name → $refused', (r) => {
    const a = r.answers();
    const out = exportGitops(a, r.opts ?? FLUX);
    expect(fields(a, r.opts)).toEqual(r.refused);
    if (r.refused.length) expect(out.files).toEqual([]);
    else expect(out.files.length).toBeGreaterThan(0);
  });

  it('no refusal for rotateKey: a kept rotateKey: true never reaches the 3.50 values (docs/chart-3.50.md §10)', () => {
    const a = edit(
      chart350(),
      (x) => (x.passthrough = { secrets: { keysEncryption: { rotateKey: true } } }),
    );
    const out = exportGitops(a, FLUX);
    const flux = parseAllDocuments(out.files.find((f) => f.path === 'flux.yaml')!.content);
    const release = flux[1]!.toJS() as { spec: { values: Tree } };
    expect(getPath(release.spec.values, ['secrets', 'keysEncryption', 'rotateKey'])).toBe(false);
  });

  it('every row of the table is exercised on its refused side', () => {
    const refused = new Set(rows.flatMap((r) => r.refused));
    for (const r of REFUSALS) expect(refused).toContain(r.field);
  });

  it('every refusal says what to do and cites docs/, and none repeats a secret of the plan', () => {
    const a = edit(chart350(), (x) => {
      x.internalTls = { mode: 'self-signed' };
      if (x.secrets.mode === 'chart') x.secrets.encryptionKey = '';
    });
    const out = exportGitops(a, ARGO);
    expect(out.refusals.map((p) => p.path)).toEqual([
      'secrets.encryptionKey',
      'internalTls.mode',
      'secrets.mode',
    ]);
    const text = JSON.stringify(out.refusals);
    for (const s of [a.database.password, a.license.content, a.license.signature])
      expect(text).not.toContain(s);
    for (const r of REFUSALS) expect(r.message).toMatch(/docs\/|Choose|export/);
  });
});

// The web Review lists answerRefusals before its button: the export's refusals of the answers,
// without the options' own problems (said at the panel's fields).
describe('answerRefusals', () => {
  it.each(rows)('$name: the same answers refused as the export', (row) => {
    const a = row.answers();
    const o = row.opts ?? FLUX;
    const ofAnswers = exportGitops(a, o).refusals.filter((p) => !p.path.startsWith('--'));
    expect(answerRefusals(a, o)).toEqual(ofAnswers);
  });

  it('an option problem is the export’s, not the answers’', () => {
    const o: ExportOptions = { for: 'flux', values: 'repo', secrets: 'secret-manifest' };
    expect(exportGitops(chart394(), o).refusals.map((p) => p.path)).toEqual(['--values']);
    expect(answerRefusals(chart394(), o)).toEqual([]);
  });
});
