import { defineConfig } from 'vite';
import { precompress } from './scripts/vite-precompress.ts';
import { preloadLazyChunk } from './scripts/vite-preload-lazy.ts';

export default defineConfig({
  root: 'client',
  plugins: [
    // The timeline is the first screen: its lazy chunk is fetched with the entry, not after it ran.
    preloadLazyChunk(/\/features\/timeline\/TimelineScreen\.tsx$/),
    // The server sends the .br / .gz written here as they are (server/http/static-client.ts).
    precompress(),
  ],
  // Vite's own transform compiles the JSX (automatic runtime, `react/jsx-runtime`, mapped below).
  resolve: {
    // The client is written and typed against React's API and runs on Preact's implementation
    // of it: 9 KB of brotli instead of React DOM's 58, which the first screen on a slow regional
    // link cannot afford (ADR 0014; bench: network). Every browser test runs this build.
    alias: [
      { find: /^react(-dom)?$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx(-dev)?-runtime$/, replacement: 'preact/jsx$1-runtime' },
    ],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    // Rolldown names plugins that take most of a build's time; precompress() does, on purpose
    // (brotli at its highest quality, once per build instead of per request), so the notice
    // would only greet every `npm start` that builds.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // TanStack Query marks its hooks "use client" for server-component bundlers; in a client
      // bundle the directive means nothing and the notice is noise (plugin-react silenced it too).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
