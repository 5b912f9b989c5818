/**
 * The web Review's GitOps export (POST /api/gitops-export, docs/gitops.md): the answers and the
 * options of the request → the same files `cli export` writes, in one .tar.gz of the export
 * directory (the support bundle's ustar writer, lib/support/tar.ts; files 0600, the directory
 * 0700, as the CLI writes them). A refused answer or option throws RequestProblems naming the
 * field; no message carries a value of the plan.
 */
import { z } from 'zod';
import { completeAnswers, validateAnswers, type Answers } from './answers';
import { exportGitops, type ExportOptions } from './gitops';
import { exportOptionsSchema } from './gitops/options';
import { inspectCertificate, inspectCaCertificate } from './pem/inspect';
import { tarGz, type TarEntry } from './support/tar';
import { RequestProblems } from './target';

/** The request: the plan's answers (checked by the answers schema) and the export's options. */
export const gitopsRequestSchema = z.strictObject({
  answers: z.unknown(),
  options: exportOptionsSchema,
});
export type GitopsRequest = z.infer<typeof gitopsRequestSchema>;

export type GitopsArchive = { name: string; bytes: Buffer };

/** The answers completed and validated as `cli export` reads its file (cli/main.ts loadAnswers). */
function checkedAnswers(raw: unknown): Answers {
  const parsed = validateAnswers(completeAnswers(raw), {
    inspectCertificate,
    inspectCaCertificate,
  });
  if (!parsed.success)
    throw new RequestProblems(
      parsed.issues
        .slice(0, 100)
        .map((i) => ({ path: `answers.${i.path.join('.')}`, message: i.message })),
    );
  return parsed.data;
}

/** The directory the archive holds: the release and the controller, e.g. `lightrun-gitops-flux`. */
export const archiveDir = (a: Answers, opts: ExportOptions) =>
  `${a.release.name}-gitops-${opts.for}`;

/** The export of the request as a .tar.gz (throws RequestProblems when it is refused). */
export function gitopsArchive(req: GitopsRequest, now = new Date()): GitopsArchive {
  const answers = checkedAnswers(req.answers);
  const out = exportGitops(answers, req.options);
  if (out.refusals.length)
    throw new RequestProblems(
      out.refusals.map((p) => ({
        path: p.path.startsWith('--') ? `options.${p.path.slice(2)}` : `answers.${p.path}`,
        message: p.message,
      })),
    );
  const dir = archiveDir(answers, req.options);
  const entries: TarEntry[] = [
    { name: dir, dir: true },
    ...out.files.map((f) => ({ name: `${dir}/${f.path}`, content: f.content })),
  ];
  return { name: `${dir}.tar.gz`, bytes: tarGz(entries, now) };
}
