/** One problem with the answers: where (the answer's path) and what to do. */
export type AnswersIssue = { path: (string | number)[]; message: string };

/** At most this many issues are reported at once; the rest are counted. */
export const MAX_ISSUES = 100;

type RawIssue = { code?: string; path: PropertyKey[]; message: string; keys?: string[] };

/**
 * An issue as it may be shown or printed. Zod's "Unrecognized key(s)" message names the keys, and a
 * key is whatever the sender typed — a license or password pasted one line too high becomes a key
 * of its parent. So the names are never repeated: the message names the parent and the count.
 */
export function safeIssue(i: RawIssue): AnswersIssue {
  const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (i.code !== 'unrecognized_keys') return { path, message: i.message };
  const n = i.keys?.length ?? 1;
  const where = path.length > 0 ? `"${path.join('.')}"` : 'the top level';
  const fields = n === 1 ? 'an unknown field' : `${n} unknown fields`;
  return {
    path,
    message: `Remove ${fields} at ${where}: the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).`,
  };
}

/** The first `max` issues, then one line saying how many more there are. */
export function capIssues(issues: readonly AnswersIssue[], max = MAX_ISSUES): AnswersIssue[] {
  if (issues.length <= max) return [...issues];
  const more = issues.length - max;
  return [
    ...issues.slice(0, max),
    {
      path: [],
      message: `…and ${more} more problem${more === 1 ? '' : 's'}: fix the ones above first.`,
    },
  ];
}
