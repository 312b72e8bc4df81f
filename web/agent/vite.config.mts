// Builds the agent workspace (issue 13) into dist/agent, served by the bot at /agent.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appViteConfig } from '../shared/appViteConfig.mjs';

export default defineConfig(appViteConfig(path.dirname(fileURLToPath(import.meta.url)), 'agent'));
