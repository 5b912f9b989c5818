import 'server-only';
/**
 * The handler of every API route that takes a request and calls one lib function: the input is
 * checked (same origin, the capped JSON reader with the route's limits), parsed with the route's
 * zod schema (422 naming each field), handed to the lib function, and its result or error answered
 * (respond.ts, errors.ts). A route.ts is then its schema, its lib function and its answer.
 */
import type { z } from 'zod';
import { errorResponse } from './errors';
import { readJsonBody, type BodyLimits } from './read-json';
import { crossOrigin, invalid, json, problem } from './respond';
import { isSameOrigin } from './same-origin';

type Route<S extends z.ZodType, R> = {
  schema: S;
  /** The lib function, called with the parsed input alone; what it throws is answered by the error table. */
  run: (input: z.infer<S>) => R | Promise<R>;
  /** The answer for its result (with the request, e.g. for its abort signal); by default JSON, 200. */
  respond?: (result: R, req: Request) => Response;
};

/** POST with a JSON body, from the wizard's own origin only. */
export function jsonRoute<S extends z.ZodType, R>(
  route: Route<S, R> & { limits: BodyLimits },
): (req: Request) => Promise<Response> {
  return async (req) => {
    if (!isSameOrigin(req)) return crossOrigin();
    const body = await readJsonBody(req, route.limits);
    if (!body.ok) return problem(body.code, body.error);
    return answer(route, body.value, req);
  };
}

async function answer<S extends z.ZodType, R>(route: Route<S, R>, raw: unknown, req: Request) {
  const parsed = route.schema.safeParse(raw);
  if (!parsed.success)
    return invalid(
      parsed.error.issues.slice(0, 50).map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  try {
    const result = await route.run(parsed.data);
    return route.respond ? route.respond(result, req) : json(result);
  } catch (e) {
    return errorResponse(e);
  }
}
