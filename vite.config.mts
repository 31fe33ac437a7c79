// Renderer build: src/renderer → dist/renderer, loaded by Electron from app://pecdesk/ and by the
// web bridge over http. No inline scripts anywhere: the CSP (src/shared/csp.ts) forbids them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2048,
  },
});
