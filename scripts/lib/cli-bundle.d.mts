// Types of cli-bundle.mjs for the TypeScript tests that use it.
export const root: string;
export const cliBundle: string;
export function cliBundleStale(): boolean;
export function ensureCliBundle(): Promise<string>;
