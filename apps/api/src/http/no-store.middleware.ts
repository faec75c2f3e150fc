import type { NextFunction, Request, Response } from 'express';

/**
 * API answers hold personal and unpublished data: no browser or proxy cache may keep them (a shared
 * computer's back button, a corporate proxy). Static assets of the web app keep their own caching.
 */
export function noStoreMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/api' || req.path.startsWith('/api/') || req.path === '/health')
    res.setHeader('Cache-Control', 'no-store');
  next();
}
