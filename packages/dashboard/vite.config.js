// The dashboard is a static build: datafold-server serves dist/ at `/` (see the server's
// serve-dashboard.ts). Content-hashed file names under assets/ let the server cache them for a
// year; index.html is revalidated on every load.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Nothing inline: the server's CSP allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
