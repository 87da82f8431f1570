import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web application, built into dist/web where the API process serves it (src/web/web-app.ts).
 * `npx vite --config web/vite.config.mts` serves it with hot reload on :5173, sending /api to the
 * service on :3000; the session cookie is set for that origin as well, so sign-in works there too.
 */
export default defineConfig({
  root,
  // React's automatic JSX runtime, compiled by Vite's own transformer (no Babel plugin).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The first page's JavaScript is measured (test/browser): libraries in their own long-cached chunks.
    rolldownOptions: {
      // Mantine marks its modules "use client" for server rendering, which a browser bundle ignores.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
