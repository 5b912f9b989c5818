import type { Document } from 'yaml';
import { isMap as isYamlMap, isScalar } from 'yaml';
import { CHART_DEFAULTS } from './render';
import { HelmReadError, parseYamlDocument, readAsHelm, valuesOfDocument } from './to-yaml';
import { isMap } from './tree';
import { yamlErrorWhere } from './yaml-error';

/** A file refused as a whole; its message names no key and quotes nothing of the file. */
export class ValuesFileError extends Error {}

/**
 * Why a file's top level (its values, or just its keys) cannot be a Helm values file of chart
 * 3.9.4, or null. An empty file can be one (it changes nothing). A map none of whose keys the
 * chart has is not: Helm would ignore all of it, and it is what a text file that is no YAML
 * at all looks like (each line of /etc/shadow ends in ':', so it is a key). Such a file is
 * refused before anything of it — a key, a value — can reach a message or the answers.
 */
export function valuesFileProblem(top: unknown): string | null {
  if (top === null || top === undefined) return null;
  if (!isMap(top))
    return 'The file is not a values file: its top level must be a map of keys (general:, secrets:, …).';
  const keys = Object.keys(top);
  if (keys.length === 0 || keys.some((k) => Object.hasOwn(CHART_DEFAULTS, k))) return null;
  return 'The file is not a values file: none of its top-level keys is one chart 3.9.4 has (general:, secrets:, deployments:, …). Nothing of it is shown.';
}

/** The top-level keys of a parsed document as a map (values unread), null when it is empty. */
function topLevelOf(doc: Document): unknown {
  const c = doc.contents;
  if (c === null || (isScalar(c) && c.value === null)) return null;
  if (!isYamlMap(c)) return [];
  return Object.fromEntries(c.items.map((p) => [isScalar(p.key) ? String(p.key.value) : '', 0]));
}

/**
 * A values file's text read as Helm reads it, or a ValuesFileError whose message is safe to
 * print: a syntax error by line and column, a file that is no values file by that alone (checked
 * before Helm's reading, whose refusals name a key path), an alias that cannot be resolved.
 */
export function readValuesFile(text: string): { doc: Document; values: unknown } {
  let doc: Document;
  try {
    doc = parseYamlDocument(text);
  } catch (e) {
    throw new ValuesFileError(`The file is not valid YAML${yamlErrorWhere(e)}.`);
  }
  const problem = valuesFileProblem(topLevelOf(doc));
  if (problem) throw new ValuesFileError(problem);
  try {
    readAsHelm(doc);
  } catch (e) {
    if (e instanceof HelmReadError) throw new ValuesFileError(e.message);
    throw e;
  }
  try {
    return { doc, values: valuesOfDocument(doc) };
  } catch {
    // yaml's own message here names the alias
    throw new ValuesFileError(
      'The file is not valid YAML: an alias (*name) in it has no anchor before it, or it has more than 100 aliases.',
    );
  }
}
