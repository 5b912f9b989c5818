/**
 * Kubernetes manifests as YAML text, with the chart values inside written exactly as the wizard
 * writes a values file (lib/values/to-yaml.ts: every string quoted, so `yes`, `0123` stay text for
 * Helm's and Kubernetes' YAML readers alike). PURE.
 */
import { Document, parseDocument, Scalar, type Node } from 'yaml';
import { toYaml, YAML_OUT } from '../values/to-yaml';
import type { Tree } from '../values/tree';

/** A values tree as a YAML node that keeps the wizard's scalar styles. */
export function valuesNode(values: Tree): Node {
  return parseDocument(toYaml(values)).contents as Node;
}

/** A text kept as a literal block (`|`), as a Secret's values.yaml or a README line reads best. */
export function literal(text: string): Scalar {
  const s = new Scalar(text);
  s.type = Scalar.BLOCK_LITERAL;
  return s;
}

/**
 * One manifest: `obj`, with each `[path, values]` set as a values node, and a comment on top.
 */
export function manifest(
  obj: Tree,
  opts: { comment?: string; values?: [path: string[], values: Tree][] } = {},
): string {
  const doc = new Document(obj, { aliasDuplicateObjects: false });
  for (const [path, values] of opts.values ?? []) doc.setIn(path, valuesNode(values));
  if (opts.comment) doc.commentBefore = opts.comment;
  return doc.toString(YAML_OUT);
}

/** Several manifests in one file, `---` between them. */
export const manifests = (docs: string[]): string => docs.join('---\n');
