// The modeler (issue 7): bpmn-js and dmn-js in a plain TypeScript page, served by the HTTP server at
// /modeler/ (server/pages/web-ui-routes.ts). `npm run ui:build` builds it into dist/ (infra/ui-build.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/modeler/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bpmn-js, dmn-js and the properties panel are large and all needed on the first screen.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    // `npx vite modeler-ui` during development: the API of a running `npm start`.
    proxy: { '/api': process.env.HCP_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
