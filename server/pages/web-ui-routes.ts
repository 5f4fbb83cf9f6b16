// The web UIs' built files: /tasklist/ and /modeler/ (single-page apps with hash routing).
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WEB_UIS, uiDistDir } from '../../infra/ui-build.ts';

export function webUiRoutes(): Router {
  const router = Router();
  for (const ui of WEB_UIS) {
    const dist = uiDistDir(ui);
    router.use(ui.mountPath, express.static(dist, { index: 'index.html', maxAge: '1h' }));
    router.get(ui.mountPath.replace(/\/$/, ''), (_request, response) => response.redirect(ui.mountPath));
    router.get(ui.mountPath, (_request, response) => {
      const index = path.join(dist, 'index.html');
      if (existsSync(index)) response.sendFile(index);
      else
        response
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('页面尚未构建：请运行 npm run ui:build。');
    });
  }
  return router;
}
