/**
 * Warmline for `npm run bench:turns`, as an operator would run it on a private network: production
 * mode without Bot Framework authentication (ALLOW_ANONYMOUS), no local Direct Line, logs off, the
 * storage the parent chose in the environment. Run as a child process by bench/turns.ts.
 */
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import { silentLogger } from '../../logger';
import { serveAsChild } from './serverProcess';

serveAsChild(async () => {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    ALLOW_ANONYMOUS: 'true',
    DIRECTLINE_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
  const app = await startWarmline(config, { logger: silentLogger() });
  return { url: app.url, stop: () => app.stop() };
});
