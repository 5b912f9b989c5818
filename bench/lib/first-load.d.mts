export interface LoadedFile {
  src: string;
  raw: number;
  gzip: number;
}
export interface FirstLoad {
  files: LoadedFile[];
  raw: number;
  gzip: number;
}
export const BUDGET: number;
export const root: string;
export const versions: { next: string; react: string };
export function build(dir: string): void;
export function scriptSrcs(html: string): string[];
export function firstLoadOf(
  html: string,
  read: (src: string) => Promise<Buffer> | Buffer,
): Promise<FirstLoad>;
export function firstLoad(dir: string, route: string): FirstLoad;
export const kB: (n: number) => string;
export function emptyApp(log?: (m: string) => void): string;
export function pageRoutes(dir: string): string[];
