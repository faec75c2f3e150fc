import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The browser app: built into <repo>/dist/web, which the API serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  // The pure rules the server applies too (e.g. how a typed number is read), from the one place they are written.
  resolve: { alias: { '@app/domain': path.resolve(here, '../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.resolve(here, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd marks its modules "use client"; irrelevant outside React Server Components.
      onwarn(warning, handle) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handle(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
    },
  },
});
