/**
 * The web console at `/console`: the single-page app built from `console/`
 * (`vite build` into dist/console, part of `npm run build`). Hashed assets
 * are cached for long; every other path under `/console` gets index.html, so
 * a reload or a shared link on a client-side route opens the app there. A
 * strict Content-Security-Policy keeps the page on this origin: scripts and
 * styles from its own files only, requests only to this server.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';

export const CONSOLE_PATH = '/console';

/** dist/console from the repository root, whether this file runs from src/ (tests) or dist/src/ (built). */
export const CONSOLE_DIR = path.resolve(__dirname, fs.existsSync(path.resolve(__dirname, '../package.json')) ? '../dist/console' : '../console');

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** Routes for the console; mount before Apollo's `/graphql` middleware. */
export function consoleRouter(): Router {
  // Strict: `/console` (redirected) and `/console/` (the app) are different paths.
  const router = Router({ strict: true });
  const indexFile = path.join(CONSOLE_DIR, 'index.html');

  const serveIndex = (_req: Request, res: Response) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text').send('The console is not built: run `npm run build`.');
      return;
    }
    res.sendFile(indexFile);
  };

  router.use(
    `${CONSOLE_PATH}/assets`,
    express.static(path.join(CONSOLE_DIR, 'assets'), {
      immutable: true,
      maxAge: '365d', // file names carry a content hash
      setHeaders: (res) => securityHeaders(res),
    }),
  );
  router.use(`${CONSOLE_PATH}/assets`, (_req, res) => void res.status(404).type('text').send('Not found'));
  router.get(CONSOLE_PATH, (_req, res) => res.redirect(301, `${CONSOLE_PATH}/`));
  router.get(`${CONSOLE_PATH}/{*rest}`, serveIndex);
  return router;
}
