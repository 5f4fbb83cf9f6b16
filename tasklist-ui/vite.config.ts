// The task list (issue 6): a Vue 3 + Element Plus single-page app, served by the HTTP server at /tasklist/
// (server/pages/web-ui-routes.ts). `npm run ui:build` builds it into dist/ (infra/ui-build.ts).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: '/tasklist/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bpmn-js and Element Plus are large; they are split out so the list screen loads first.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite tasklist-ui` during development: the API of a running `npm start`.
    proxy: { '/api': process.env.HCP_API_URL ?? 'http://127.0.0.1:3000' },
    // The UI reuses the domain's label tables (stages, levels, channels) from ../domain.
    fs: { allow: ['..'] },
  },
});
