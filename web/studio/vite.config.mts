// Builds Warmline Studio (the admins' web app) into dist/studio, served by the bot at /studio.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/studio/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '..', '..', 'dist', 'studio'),
    emptyOutDir: true,
    // No inline scripts or styles: the page's Content-Security-Policy allows only its own files.
    assetsInlineLimit: 0,
    sourcemap: true,
    // The topic editor (React Flow, CodeMirror and its merge view, ~700 kB) is a lazily loaded chunk of
    // its own; the first page is small. Warn only past that.
    chunkSizeWarningLimit: 900,
  },
});
