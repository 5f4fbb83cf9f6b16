// The web UIs' built files: /tasklist/ and /modeler/ (single-page apps with hash routing).
import express, { Router, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WEB_UIS, uiDistDir } from '../../infra/ui-build.ts';

/**
 * index.html is asked again every time (no-cache: revalidated, a 304 when unchanged): a build empties
 * dist/, and a cached index would point at lazy chunks that are gone. What Vite writes under assets/ is
 * named by its content hash, so a name always means the same bytes and may be kept for a year.
 */
const INDEX_CACHE_CONTROL = 'no-cache';
const HASHED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

function setCacheControl(response: Response, file: string, dist: string): void {
  const hashed = path.relative(dist, file).split(path.sep)[0] === 'assets';
  response.setHeader('Cache-Control', hashed ? HASHED_ASSET_CACHE_CONTROL : INDEX_CACHE_CONTROL);
}

export function webUiRoutes(): Router {
  const router = Router();
  for (const ui of WEB_UIS) {
    const dist = uiDistDir(ui);
    router.use(
      ui.mountPath,
      express.static(dist, {
        index: 'index.html',
        cacheControl: false,
        setHeaders: (response, file) => setCacheControl(response, file, dist),
      }),
    );
    router.get(ui.mountPath.replace(/\/$/, ''), (_request, response) => response.redirect(ui.mountPath));
    router.get(ui.mountPath, (_request, response) => {
      const index = path.join(dist, 'index.html');
      if (existsSync(index)) response.setHeader('Cache-Control', INDEX_CACHE_CONTROL).sendFile(index);
      else
        response
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('页面尚未构建：请运行 npm run ui:build。');
    });
  }
  return router;
}
