import type { Answers } from '@/lib/answers';

/** What an import left behind for the review (kept in memory only: it may hold secrets). */
export type ImportInfo = { fileName: string; answers: Answers; kept: string[][]; notes: { path: string; message: string }[] };
