import { LIMITS } from '../answers/limits';
import type { BodyLimits } from './read-json';

const MiB = 1_048_576;

/**
 * A request that carries the answers (and its target): the largest legitimate set is about 1 MB
 * (one object's annotations at Kubernetes' 256 KiB, twice; license, PEM chain and key, pull
 * secret: ~230 KB) plus the imported keys kept as is, which nest about 10 levels; the answers
 * may nest 64 (as /api/validate takes them), one level below the request object.
 */
const withAnswers = (what: string): BodyLimits => ({ maxBytes: 2 * MiB, maxDepth: 65, what });

/**
 * A request that names a release only (context, namespace, release of 1024 characters at most,
 * 6 KiB each JSON-escaped, a revision, a confirmation): one flat object.
 */
const targetOnly = (what: string): BodyLimits => ({ maxBytes: 32_768, maxDepth: 1, what });

/**
 * Every API route's body limits, by path, from the natural maxima of what it receives
 * (docs/security.md, "Body limits"). JSON escaping of PEM newlines and quotes adds a few percent,
 * hence the headroom. The server refuses a longer declared body before Next reads it
 * (scripts/server/body-limits.mjs, kept equal by its test); the routes enforce these again while
 * reading (read-json.ts).
 */
export const BODY_LIMITS = {
  '/api/validate': { maxBytes: 2 * MiB, maxDepth: 64, what: 'answers validation' },
  /** A PEM chain (64 KiB), its key (16 KiB) and the endpoint. */
  '/api/pem': {
    maxBytes: 2 * (LIMITS.pemChain + LIMITS.pemKey),
    maxDepth: 2,
    what: 'a certificate check',
  },
  /** The login form: one access token. */
  '/api/login': { maxBytes: 4096, maxDepth: 1, what: 'a login' },
  '/api/install': withAnswers('an install'),
  '/api/preflight': withAnswers('a preflight'),
  '/api/support-bundle': withAnswers('a support bundle'),
  '/api/gitops-export': withAnswers('a GitOps export'),
  '/api/releases/diff': withAnswers('a values diff'),
  '/api/releases/rollback': targetOnly('a rollback'),
  '/api/releases/status': targetOnly('a release status'),
  /** A target, and what to delete with it: up to 100 claim and Secret names of 253 characters. */
  '/api/releases/uninstall': { maxBytes: 65_536, maxDepth: 3, what: 'an uninstall' },
  /** A target and a revision: the release's history, and one revision's values against the current. */
  '/api/releases/history': targetOnly("a release's history"),
  '/api/releases/leftovers': targetOnly('what an uninstall leaves'),
  '/api/releases/values': targetOnly("a release's values"),
  '/api/releases/list': targetOnly('a release list'),
  '/api/releases/upgrade-plan': targetOnly('an upgrade plan'),
  '/api/releases/upgrade-values': targetOnly("an upgrade's values"),
  '/api/releases/upgrade-secrets': targetOnly("a release's Secrets"),
  '/api/releases/database-backup': targetOnly("a release's database backup"),
  '/api/releases/upgrade-run': targetOnly('a guided upgrade'),
} satisfies Record<string, BodyLimits>;
