// Builds Warmline Studio (the admins' web app) into dist/studio, served by the bot at /studio.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appViteConfig } from '../shared/appViteConfig.mjs';

export default defineConfig(
  appViteConfig(path.dirname(fileURLToPath(import.meta.url)), 'studio', {
    // The topic editor (React Flow, CodeMirror and its merge view, ~700 kB) is a lazily loaded chunk of
    // its own; the first page is small. Warn only past that.
    chunkSizeWarningLimit: 900,
  }),
);
