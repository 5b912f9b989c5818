import { Document, isMap as isYamlMap, isScalar, parse, parseDocument, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { isYamlAmbiguous } from '../answers/yaml-ambiguous';
import type { Tree } from './tree';

/** Comments to attach: key path (joined by NUL) -> comment text placed before that key. */
export type CommentMap = Map<string, string>;

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/**
 * Serialises a values tree deterministically. Strings are always quoted (or a literal block when
 * multi-line and representable), so Helm's YAML 1.1 parser and a strict 1.2 parser read back the
 * same text: `yes`, `0123`, `1e3`, `~` stay strings. Keys are plain only when unambiguous.
 */
export function toYaml(tree: Tree, opts: { header?: string; comments?: CommentMap } = {}): string {
  const doc = new Document(tree, { version: '1.2' });
  if (opts.header) doc.commentBefore = opts.header;
  if (isYamlMap(doc.contents)) styleMap(doc.contents as YAMLMap, [], opts.comments);
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, nullStr: 'null', trueStr: 'true', falseStr: 'false' });
}

function styleMap(map: YAMLMap, path: string[], comments?: CommentMap): void {
  for (const pair of map.items as Pair<Scalar, unknown>[]) {
    const key = pair.key;
    const k = String(key.value);
    key.type = plainKeyIsSafe(k) ? 'PLAIN' : 'QUOTE_DOUBLE';
    const here = [...path, k];
    const c = comments?.get(here.join('\u0000'));
    if (c) key.commentBefore = c;
    styleNode(pair.value, here, comments);
  }
}

const plainKeys = new Map<string, boolean>();

/** A key is written plain only when YAML 1.1 (Helm) and 1.2 both read it back as the same text. */
function plainKeyIsSafe(k: string): boolean {
  let ok = plainKeys.get(k);
  if (ok === undefined) {
    ok = SAFE_KEY.test(k) && !isYamlAmbiguous(k) && parse(k, { version: '1.1' }) === k && parse(k, { version: '1.2' }) === k;
    if (plainKeys.size < 10_000) plainKeys.set(k, ok);
  }
  return ok;
}

function styleNode(node: unknown, path: string[], comments?: CommentMap): void {
  if (isYamlMap(node)) return styleMap(node as YAMLMap, path, comments);
  if (isScalar(node)) return styleScalar(node);
  const items = (node as { items?: unknown[] } | null)?.items;
  if (Array.isArray(items)) items.forEach((n, i) => styleNode(n, [...path, String(i)], comments));
}

function styleScalar(s: Scalar): void {
  if (typeof s.value !== 'string') return;
  const v = s.value;
  // A literal block keeps multi-line text readable (PEM, snippets); it cannot carry a tab-led
  // or space-led first line, trailing spaces or control characters faithfully, so those are quoted.
  const blockable = v.includes('\n') && !/^[ \t]/.test(v) && !/[ \t]\n/.test(v) && !/[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(v) && !/\n\t/.test(v);
  s.type = blockable ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
}

/**
 * Parses a values document the way Helm reads it (YAML 1.1 scalars: `no` is false, `0123` octal),
 * strictly: duplicate keys and syntax errors throw.
 */
export function parseValuesYaml(text: string): unknown {
  // logLevel error: yaml's warnings quote the offending source line to stderr, and the file holds secrets
  return parse(text, { version: '1.1', strict: true, uniqueKeys: true, maxAliasCount: 100, logLevel: 'error' });
}

/** `parseValuesYaml`, keeping the document (node types and source text) for import notes. */
export function parseValuesDocument(text: string): Document {
  const doc = parseDocument(text, { version: '1.1', strict: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc;
}
