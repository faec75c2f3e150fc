import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, isPlatform } from '@app/common';
import { AppEnv } from '@app/config';
import { AuthService } from '@app/identity';
import { QueueName } from '@app/queue';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

function refuse(res: Response, statusCode: 401 | 403, message: string): void {
  res
    .status(statusCode)
    .json({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message, details: [] });
}

const COOKIE = 'kc_queue_board';

function cookieValue(req: Request): string {
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
 * which is traded for a pass cookie (HttpOnly, this path only): an opaque random value bound to the
 * token's session, stored hashed, lasting one access-token lifetime and ending with the session
 * (logout, password change, disabling). The token itself is never kept in a cookie.
 */
export function mountQueueBoard(app: INestApplication): void {
  const auth = app.get(AuthService);
  const secure = app.get(AppEnv).PUBLIC_URL.startsWith('https:');
  const queues = Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name)));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1; the adapter is the same at run time.
  type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: serverAdapter as unknown as BoardServerAdapter,
  });
  const adminOnly = (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : fromQuery;
    const pass = token ? '' : cookieValue(req);
    if (!token && !pass) return refuse(res, 401, '请先登录');
    (token ? auth.verifySession(token) : auth.verifyQueueBoardPass(pass))
      .then(
        async ({ principal: actor, sessionId }) => {
          // The queues serve every city: pausing or retrying them is the platform's, not one city's admin's.
          if (!isPlatform(actor)) return refuse(res, 403, '只有平台管理员可以管理任务队列');
          if (fromQuery) {
            const issued = await auth.issueQueueBoardPass(sessionId);
            res.cookie(COOKIE, issued.value, {
              httpOnly: true,
              secure,
              sameSite: 'strict',
              path: QUEUE_BOARD_PATH,
              maxAge: issued.maxAgeMs,
            });
            // Drop the token from the address bar (and from history) at once.
            return res.redirect(303, `${QUEUE_BOARD_PATH}${req.path === '/' ? '' : req.path}`);
          }
          next();
        },
        (error: unknown) => refuse(res, 401, error instanceof DomainError ? error.message : '登录已失效，请重新登录'),
      )
      .catch(next);
  };
  app.use(QUEUE_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}
