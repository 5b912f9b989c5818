/**
 * Where a YAML parse error is — " at line L, column C (CODE)" — and never yaml's message: its
 * first line can quote the file (a bad escape `\U…`, a block header `|…`, a tag, a directive),
 * and the files read here hold secrets (docs/security.md). The code is yaml's fixed vocabulary
 * (BAD_DQ_ESCAPE, TAB_AS_INDENT, …), which says what is wrong without a word of the file.
 */
export function yamlErrorWhere(e: unknown): string {
  const err = (e ?? {}) as { linePos?: { line: number; col: number }[]; code?: unknown };
  const pos = err.linePos?.[0];
  const code = typeof err.code === 'string' && /^[A-Z_]{1,40}$/.test(err.code) ? err.code : '';
  return `${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}${code ? ` (${code})` : ''}`;
}
