import type { Request } from 'express';
import './session-data';

/** The signed-in user's id, or null: what every route and the GraphQL context ask of the session. */
export function currentUserId(req: Request): number | null {
  return req.session?.userId ?? null;
}
