import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { contentTypeMiddleware } from './http/content-type.middleware.js';
import { InputHygienePipe } from './http/input-hygiene.pipe.js';
import { jsonBodyOptions } from './http/json-body.js';
import { noStoreMiddleware } from './http/no-store.middleware.js';
import { requestIdMiddleware } from './http/request-id.middleware.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { mountQueueBoard } from './notifications/queue-board.js';
import { serveApiDocs } from './openapi/api-docs.js';

/** Everything main.ts and the end-to-end tests share: middleware, validation, API docs. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(noStoreMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Vite emits the web app as external module scripts only (the browser specs run under this
          // policy); Ant Design injects its CSS-in-JS at run time, so inline styles stay allowed.
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Evidence previews (PDF, images) are fetched with the token and shown from an object URL.
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(contentTypeMiddleware);
  app.useBodyParser('json', jsonBodyOptions);
  // Control characters are refused before class-transformer and class-validator see the value.
  app.useGlobalPipes(new InputHygienePipe(), createValidationPipe());
  mountQueueBoard(app);

  serveWebApp(app);
  serveApiDocs(app);
  return app;
}

/**
 * The browser app (apps/web, built into dist/web) at `/`: static files, and index.html for every
 * other GET that is not the API, so the app's own routes survive a reload.
 */
function serveWebApp(app: NestExpressApplication): void {
  const dir = path.resolve(process.env.WEB_DIR ?? 'dist/web');
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path === '/health' || !req.accepts('html'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
