import { defineConfig } from 'vite';

// The gateway serves the built files from its wwwroot at `/` (same origin as the API), with a strict
// content security policy: no inline scripts or styles, so no module-preload polyfill either.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../gateway/Weerbaarheid.Gateway/wwwroot',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `npm run dev`: proxy the API to a running suite (WEERBAARHEID_API, default the standard gateway port).
    proxy: Object.fromEntries(
      ['/api', '/auth', '/dev'].map((path) => [path, { target: process.env.WEERBAARHEID_API ?? 'http://localhost:8080', changeOrigin: false }]),
    ),
  },
});
