import { LIMITS } from '../answers/limits';
import type { BodyLimits } from './read-json';

/**
 * Per-route body limits, from the natural maxima of what each route receives (docs/security.md).
 * JSON escaping of PEM newlines and quotes adds a few percent, hence the headroom.
 */
export const BODY_LIMITS = {
  /**
   * Answers: the largest legitimate set is about 1 MB (one object's annotations at Kubernetes'
   * 256 KiB, twice; license, PEM chain and key, pull secret: ~230 KB) plus the imported keys
   * kept as is; imported values files nest about 10 levels.
   */
  validate: { maxBytes: 2 * 1_048_576, maxDepth: 64, what: 'answers validation' },
  /** A PEM chain (64 KiB), its key (16 KiB) and the endpoint. */
  pem: {
    maxBytes: 2 * (LIMITS.pemChain + LIMITS.pemKey),
    maxDepth: 2,
    what: 'a certificate check',
  },
  /** The login form: one access token. */
  login: { maxBytes: 4096, maxDepth: 1, what: 'a login' },
} satisfies Record<string, BodyLimits>;
