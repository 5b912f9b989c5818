/**
 * What a release action refuses, apart from bad input (RequestProblems): a job already running for
 * the release, a release that is not there, too many jobs running. A module of their own so the HTTP layer's error table
 * (lib/http/errors.ts) names them without loading the actions.
 */
export class ConflictError extends Error {}
export class NotFoundError extends Error {}
/** As many jobs of this kind run as the server takes at once (lib/install/retention.ts). */
export class TooManyJobsError extends Error {}
