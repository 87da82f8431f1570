import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response, Router } from 'express';
import { UserActor } from '../access/actor';
import { refreshTokenFromCookie } from '../auth/browser-session';
import { SessionsService } from '../auth/sessions.service';
import { DomainError, UnauthenticatedError } from '../common/errors/domain-errors';
import { JobQueues } from './job-queues';

export const JOB_BOARD_PATH = '/api/admin/queues';
/** Where the web application signs a person in; it comes back to `retour` afterwards. */
const SIGN_IN_PAGE = '/connexion';

/**
 * The operators' view of the queues (bull-board), for admins only, under the application's own
 * session: the browser's session cookie (set by the web application's sign-in) or, for API clients,
 * a bearer access token. Both are checked against the open session on every request, so signing out
 * or disabling the account ends access at once; there is no second password path.
 * The board is built on first use, so a process that never opens it holds no Redis connection for it.
 */
export function mountJobBoard(app: INestApplication): void {
  const sessions = app.get(SessionsService);
  let router: Router | undefined;

  const refuse = (res: Response, status: number, code: string, message: string) =>
    res.status(status).json({ statusCode: status, code, message, details: [] });

  async function actorOf(req: Request): Promise<UserActor> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) return sessions.authenticate(bearer);
    const cookie = refreshTokenFromCookie(req);
    if (!cookie) throw new UnauthenticatedError('Sign in as an administrator');
    // SameSite=Strict keeps other sites' requests cookie-less; this refuses a sibling subdomain's too.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new UnauthenticatedError('The job board is opened from Clausier only');
    return sessions.authenticateRefreshToken(cookie);
  }

  app.use(JOB_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    actorOf(req)
      .then((actor) => {
        if (actor.role !== 'admin') return refuse(res, 403, 'forbidden', 'The job board is for administrators');
        router ??= buildBoard(app);
        router(req, res, next);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DomainError)) return next(e);
        // A person opening the board's page is sent to sign in, and back here afterwards.
        if (e.status === 401 && req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
          return res.redirect(303, `${SIGN_IN_PAGE}?retour=${encodeURIComponent(req.originalUrl)}`);
        }
        refuse(res, e.status, e.code, e.message);
      });
  });
}

function buildBoard(app: INestApplication): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(JOB_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(app.get(JobQueues).reportsQueue)], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Clausier' } } });
  return adapter.getRouter() as Router;
}
