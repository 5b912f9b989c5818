import { randomBytes } from 'node:crypto';

/**
 * The access token of this e2e run: every server the run starts requires one (loopback too),
 * and the tests send it as `Authorization: Bearer`, never in a URL (docs/security.md). Made once
 * in the runner's process and inherited by its workers through the environment.
 */
export const E2E_TOKEN = (process.env.LW_E2E_TOKEN ??= randomBytes(32).toString('base64url'));

/** The header every request of the run carries (playwright.config.ts `extraHTTPHeaders`). */
export const AUTH_HEADERS = { Authorization: `Bearer ${E2E_TOKEN}` } as const;
