import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/vite-precompress.ts';
import { preloadLazyChunk } from './scripts/vite-preload-lazy.ts';

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // The timeline is the first screen: its lazy chunk is fetched with the entry, not after it ran.
    preloadLazyChunk(/\/features\/timeline\/TimelineScreen\.tsx$/),
    // The server sends the .br / .gz written here as they are (server/http/static-client.ts).
    precompress(),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    // Rolldown names plugins that take most of a build's time; precompress() does, on purpose
    // (brotli at its highest quality, once per build instead of per request), so the notice
    // would only greet every `npm start` that builds.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
