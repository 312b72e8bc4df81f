// The Vite build of one of the bot's web apps: web/<name> into dist/<name>, served by the bot at /<name>/.
import path from 'node:path';
import type { UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The config of the app in `here` (web/<name>), with `extra` build options. */
export function appViteConfig(here: string, name: string, extra: NonNullable<UserConfig['build']> = {}): UserConfig {
  return {
    root: here,
    base: `/${name}/`,
    plugins: [react()],
    build: {
      outDir: path.resolve(here, '..', '..', 'dist', name),
      emptyOutDir: true,
      // No inline scripts or styles: the page's Content-Security-Policy allows only its own files.
      assetsInlineLimit: 0,
      sourcemap: true,
      ...extra,
    },
  };
}
