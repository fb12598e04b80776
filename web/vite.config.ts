/// <reference types="vitest/config" />
// `vite` rather than `vitest/config`: the first `npm start` builds with the runtime install only,
// where vitest (a test tool) is absent; the reference above still types the `test` block.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// Two pages: the app, and an offline GraphiQL playground whose React stays out of the app's bundle.
export default defineConfig({
  plugins: [
    svelte(),
    // Brotli (quality 11) and gzip (level 9) beside each text file of dist, made once at build: the
    // server picks one by Accept-Encoding (server/src/app.ts) and compresses nothing per request.
    // Images and fonts are compressed already; a file whose compressed form is no smaller gets none.
    compression({ include: /\.(html|css|js|mjs|json|map|svg|wasm|txt|ico|xml|webmanifest)$/, algorithms: ['brotliCompress', 'gzip'] }),
  ],
  // The shared money and limits rules, bundled from their TypeScript source (the server runs their build).
  resolve: { alias: { '@finance-tracker/common': fileURLToPath(new URL('../packages/common/src/index.ts', import.meta.url)) } },
  build: {
    target: 'es2022',
    // The playground page carries React and GraphiQL (~1 MB); the app's own entry stays far below this.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      input: { main: 'index.html', playground: 'playground.html' },
      // GraphiQL's dependencies carry React Server Components' "use client" lines, meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // Every path the web calls on the API (server/src/app.ts; the router's SERVER_PATHS in src/routes.ts).
    proxy: { '/graphql': 'http://localhost:4000', '/receipts': 'http://localhost:4000', '/export': 'http://localhost:4000', '/backup': 'http://localhost:4000' },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
