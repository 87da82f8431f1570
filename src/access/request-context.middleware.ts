import { NextFunction, Request, Response } from 'express';
import { runWithActor } from './request-context';

/** Opens the request's context before Nest's guards run; the guard then puts the actor in it. */
export function requestContextMiddleware(_req: Request, _res: Response, next: NextFunction): void {
  runWithActor(null, next);
}
