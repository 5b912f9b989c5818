/**
 * The CLI's one reader for the files an admin hands it (answers, secret values, manifests). They
 * hold secrets, so a problem names the file and never quotes it: not yaml's message (its first
 * line can repeat a bad escape or a block header from the file), not JSON.parse's (it quotes the
 * text around the error), and yaml's warnings (which print the offending line) are not emitted.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RequestProblems } from '../lib/target';

/** The file's text; one that cannot be read is a problem naming it and the system's code. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new RequestProblems([
      {
        path: file,
        message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      },
    ]);
  }
}

/** A JSON (`*.json`) or YAML 1.2 file, parsed strictly (a repeated key is an error). */
export function readStructuredFile(file: string): unknown {
  const text = readTextFile(file);
  try {
    return file.endsWith('.json')
      ? JSON.parse(text)
      : parse(text, { version: '1.2', strict: true, uniqueKeys: true, logLevel: 'error' });
  } catch {
    throw new RequestProblems([{ path: file, message: 'not valid YAML/JSON.' }]);
  }
}
