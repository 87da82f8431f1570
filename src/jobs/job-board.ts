import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response, Router } from 'express';
import { createHash } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { SessionsService } from '../auth/sessions.service';
import { DomainError } from '../common/errors/domain-errors';
import { JobQueues } from './job-queues';

export const JOB_BOARD_PATH = '/api/admin/queues';
/** A Basic sign-in is checked with Argon2 once, then remembered this long (the board polls every few seconds). */
const BASIC_CACHE_MS = 5 * 60_000;

/**
 * The operators' view of the queues (bull-board), for admins only. A browser signs in with the
 * admin's email and password (HTTP Basic: it asks for them); an API client sends its bearer token.
 * The board is built on first use, so a process that never opens it holds no Redis connection for it.
 */
export function mountJobBoard(app: INestApplication): void {
  const sessions = app.get(SessionsService);
  const auth = app.get(AuthService);
  const remembered = new Map<string, number>();
  let router: Router | undefined;

  const refuse = (res: Response, status: number, code: string, message: string) => {
    res.setHeader('WWW-Authenticate', 'Basic realm="Clausier job board", charset="UTF-8"');
    res.status(status).json({ statusCode: status, code, message, details: [] });
  };

  async function isAdmin(header: string): Promise<boolean> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (bearer) return (await sessions.authenticate(bearer)).role === 'admin';
    const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    if (!basic) return false;
    const key = createHash('sha256').update(basic).digest('hex');
    if ((remembered.get(key) ?? 0) > Date.now()) return true;
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = await auth.verifyCredentials(decoded.slice(0, colon), decoded.slice(colon + 1));
    if (user.role !== 'admin') return false;
    remembered.set(key, Date.now() + BASIC_CACHE_MS);
    return true;
  }

  app.use(JOB_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    isAdmin(header)
      .then((ok) => {
        if (!ok) return header ? refuse(res, 403, 'forbidden', 'The job board is for administrators') : refuse(res, 401, 'unauthenticated', 'Sign in as an administrator');
        router ??= buildBoard(app);
        router(req, res, next);
      })
      .catch((e: unknown) => {
        if (e instanceof DomainError) {
          if ('retryAfterSeconds' in e) res.setHeader('Retry-After', String((e as { retryAfterSeconds: number }).retryAfterSeconds));
          return refuse(res, e.status, e.code, e.message);
        }
        next(e);
      });
  });
}

function buildBoard(app: INestApplication): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(JOB_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(app.get(JobQueues).reportsQueue)], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Clausier' } } });
  return adapter.getRouter() as Router;
}
