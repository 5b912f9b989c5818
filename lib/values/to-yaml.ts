import {
  Document,
  isMap as isYamlMap,
  isScalar,
  isSeq,
  parseDocument,
  type Pair,
  type Scalar,
  type ScalarTag,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { isYamlAmbiguous } from '../answers/yaml-ambiguous';
import { helmScalar } from './helm-scalar';
import type { Tree } from './tree';

/** Comments to attach: key path (joined by NUL) -> comment text placed before that key. */
export type CommentMap = Map<string, string>;

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** How the wizard's YAML is written: no folding, sequences indented, null/true/false spelled out. */
export const YAML_OUT = {
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: true,
  nullStr: 'null',
  trueStr: 'true',
  falseStr: 'false',
} as const;

/**
 * Serialises a values tree deterministically. Strings are always quoted (or a literal block when
 * multi-line and representable), so Helm's parser (go-yaml v2) and a strict 1.2 parser read back the
 * same text: `yes`, `0123`, `1e3`, `~` stay strings. Keys are plain only when unambiguous.
 */
export function toYaml(tree: Tree, opts: { header?: string; comments?: CommentMap } = {}): string {
  // No anchors: an object the tree holds twice is written out twice, as an admin would write it.
  const doc = new Document(tree, {
    version: '1.2',
    aliasDuplicateObjects: false,
    customTags: (tags) => [NEGATIVE_ZERO, ...tags],
  });
  if (opts.header) doc.commentBefore = opts.header;
  styleMap(doc.contents as YAMLMap, [], opts.comments); // a Tree is a map
  return doc.toString(YAML_OUT);
}

/**
 * -0 as `-0.0`: Helm reads `-0` as the integer 0 and `-0.0` as the float -0, and an imported -0.0
 * must export as it came. (`test` makes yaml prefer this tag to the integer one, which also
 * identifies -0.)
 */
const NEGATIVE_ZERO: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (v) => Object.is(v, -0),
  test: /^-0\.0$/,
  resolve: () => -0,
  stringify: () => '-0.0',
};

function styleMap(map: YAMLMap, path: string[], comments?: CommentMap): void {
  for (const pair of map.items as Pair<Scalar, unknown>[]) {
    const key = pair.key;
    const k = String(key.value);
    key.type = plainKeyIsSafe(k) ? 'PLAIN' : 'QUOTE_DOUBLE';
    const here = [...path, k];
    key.commentBefore = comments?.get(here.join('\u0000'));
    styleNode(pair.value, here, comments);
  }
}

/**
 * A key is written plain only when Helm and a YAML 1.2 reader both read it back as the same text.
 * SAFE_KEY lets through only keys that start with a letter or '_'; of those, the only ones either
 * reader makes something else of are the boolean and null words (helm-scalar's table), which
 * isYamlAmbiguous lists in every case.
 */
const plainKeyIsSafe = (k: string): boolean => SAFE_KEY.test(k) && !isYamlAmbiguous(k);

function styleNode(node: unknown, path: string[], comments?: CommentMap): void {
  if (isYamlMap(node)) return styleMap(node as YAMLMap, path, comments);
  if (isScalar(node)) return styleScalar(node);
  // without anchors (aliasDuplicateObjects: false), what is neither a map nor a scalar is a list
  (node as YAMLSeq).items.forEach((n, i) => styleNode(n, [...path, String(i)], comments));
}

function styleScalar(s: Scalar): void {
  if (typeof s.value !== 'string') return;
  const v = s.value;
  // A literal block keeps multi-line text readable (PEM, snippets); it cannot carry a tab-led
  // or space-led first line, trailing spaces or control characters faithfully, so those are quoted.
  const blockable =
    v.includes('\n') &&
    !/^[ \t]/.test(v) &&
    !/[ \t]\n/.test(v) &&
    // eslint-disable-next-line no-control-regex -- control characters are what a block cannot carry
    !/[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(v) &&
    !/\n\t/.test(v);
  s.type = blockable ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
}

/** A values file Helm itself refuses to read (the path and what to do; never the file's other text). */
export class HelmReadError extends Error {}

/**
 * Parses a values document the way Helm reads it (`helmScalar`: `no` is false, `0123` octal,
 * `1:30` text), strictly: duplicate keys and syntax errors throw, and so does what Helm refuses.
 */
export function parseValuesYaml(text: string): unknown {
  return valuesOfDocument(parseValuesDocument(text));
}

/** The values of a parsed document, aliases expanded (at most 100: no alias bomb). */
export const valuesOfDocument = (doc: Document): unknown => doc.toJS({ maxAliasCount: 100 });

const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

/**
 * `parseValuesYaml`, keeping the document (node types and source text) for import notes. Each
 * scalar's value is the one Helm reads: the YAML 1.1 parse, corrected where go-yaml differs.
 * The parser's warnings are never printed: they quote the file's lines, and the file holds secrets.
 */
export function parseValuesDocument(text: string): Document {
  return readAsHelm(parseYamlDocument(text));
}

/** The YAML 1.1 document of `text`, as parsed, before Helm's readings; throws its first error. */
export function parseYamlDocument(text: string): Document {
  const doc = parseDocument(text, { version: '1.1', strict: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc;
}

/** Gives each scalar of `doc` the value Helm reads (in place); throws HelmReadError. */
export function readAsHelm(doc: Document): Document {
  const walk = (node: unknown, path: string[], isKey = false): void => {
    if (isYamlMap(node)) {
      for (const p of node.items) {
        walk(p.key, path, true);
        walk(p.value, [...path, String(isScalar(p.key) ? p.key.value : p.key)]);
      }
    } else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, String(i)]));
    else if (isScalar(node)) asHelmReads(node, path, isKey);
  };
  walk(doc.contents, []);
  return doc;
}

/** Explicit tags go-yaml resolves like a plain scalar, with the kind of value each accepts. */
const RESOLVED_TAGS = new Map<string, (v: unknown) => boolean>([
  ['tag:yaml.org,2002:int', (v) => Number.isInteger(v)],
  ['tag:yaml.org,2002:float', (v) => typeof v === 'number'],
  ['tag:yaml.org,2002:bool', (v) => typeof v === 'boolean'],
  ['tag:yaml.org,2002:null', (v) => v === null],
]);

function asHelmReads(node: Scalar, path: string[], isKey: boolean): void {
  // named only when a file is refused: most scalars are read without a word about where they are
  const where = () =>
    isKey
      ? path.length > 0
        ? `a key under ${path.join('.')}`
        : 'a top-level key'
      : `the value at ${path.join('.')}`;
  // go-yaml keeps a timestamp read into an untyped value as its text, and !!binary as its bytes' text
  if (node.tag === TIMESTAMP) node.value = node.source;
  else if (node.value instanceof Uint8Array) node.value = new TextDecoder().decode(node.value); // only !!binary makes bytes
  const kind = RESOLVED_TAGS.get(node.tag as string);
  // quoted and block text stays text, and so do other tags (!!str)
  if (kind === undefined && (node.tag !== undefined || node.type !== 'PLAIN')) return;
  // a parsed scalar always has its source text (the merge key's is <<, which stays <<)
  const r = helmScalar(node.source as string);
  if ('unsupported' in r) {
    throw new HelmReadError(
      `Helm cannot read this file: ${where()} is ${node.source}, a number JSON has no form for (Helm stops with "json: unsupported value: ${r.unsupported}"). Quote it ("${node.source}") if you meant the text, or remove it.`,
    );
  }
  if (isKey && r.value === null)
    throw new HelmReadError(
      `Helm cannot read this file: ${where()} is ${node.source}, a null key (Helm stops with "unsupported map key of type: <nil>"). Quote it ("${node.source}") if you meant the text, or remove it.`,
    );
  if (kind && !kind(r.value))
    throw new HelmReadError(
      `Helm cannot read this file: ${where()} is tagged ${node.tag!.replace('tag:yaml.org,2002:', '!!')}, but its text is no such value. Remove the tag or correct the value.`,
    );
  node.value = r.value;
}
