import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, hasRole } from '@app/common';
import { AuthService } from '@app/identity';
import { QueueName } from '@app/queue';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

function refuse(res: Response, statusCode: 401 | 403, message: string): void {
  res.status(statusCode).json({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message, details: [] });
}

const COOKIE = 'kc_queue_board';

function cookieToken(req: Request): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return '';
}

/**
 * bull-board at /api/admin/queues, for administrators only: every request (page, assets and its
 * JSON API) carries an admin's access token, checked with the same AuthService as the API's guard:
 * as `Authorization: Bearer …`, or — so a browser can open the page — once as `?access_token=…`,
 * which is moved into an HttpOnly cookie limited to this path and lasting as long as the token.
 */
export function mountQueueBoard(app: INestApplication): void {
  const auth = app.get(AuthService);
  const queues = Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name)));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1; the adapter is the same at run time.
  type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: serverAdapter as unknown as BoardServerAdapter });
  const adminOnly = (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : fromQuery || cookieToken(req);
    if (!token) return refuse(res, 401, '请先登录');
    auth.authenticate(token).then(
      (actor) => {
        if (!hasRole(actor, 'admin')) return refuse(res, 403, '您的角色无权执行此操作');
        if (fromQuery) {
          res.cookie(COOKIE, fromQuery, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH, maxAge: 15 * 60_000 });
          // Drop the token from the address bar (and from history) at once.
          return res.redirect(303, `${QUEUE_BOARD_PATH}${req.path === '/' ? '' : req.path}`);
        }
        next();
      },
      (error: unknown) => refuse(res, 401, error instanceof DomainError ? error.message : '登录已失效，请重新登录'),
    );
  };
  app.use(QUEUE_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}
