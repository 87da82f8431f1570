import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Vite's output: file names carrying a content hash, so a browser may keep them for good. */
const HASHED_ASSETS = '/assets/';
const YEAR_SECONDS = 365 * 86_400;

/**
 * Serves the built web application beside the API, from one process and one port: its files as
 * they are, and index.html for any other page address (client-side routes such as /marches/…), so a
 * reload or a shared link opens the right page. /api stays the API's: an unknown API route is a
 * JSON 404, never the application's page. A missing asset is a 404 too, not index.html, so a tab left
 * open across a deployment fails loudly on an old chunk instead of parsing HTML as JavaScript.
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): void {
  const dir = resolve(webDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('WebApp').log(`No web application in ${dir} (run npm run build): only the API is served`);
    return;
  }
  const files = serveStatic(dir, {
    index: false,
    setHeaders: (res, path) => {
      const hashed = path.startsWith(join(dir, HASHED_ASSETS));
      res.setHeader('Cache-Control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
  // API requests skip the file lookup: no disk access on the API's own path.
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !isApi(req.path) && !req.path.startsWith(HASHED_ASSETS);
    if (!page || req.accepts(['html', 'json']) !== 'html') return next();
    // Revalidated on every visit: it names the current hashed files.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
