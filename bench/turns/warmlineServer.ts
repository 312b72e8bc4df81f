/**
 * Warmline for `npm run bench:turns`, as an operator would run it on a private network: production
 * mode without Bot Framework authentication (ALLOW_ANONYMOUS), no local Direct Line, logs off, the
 * storage the parent chose in the environment. Run as a child process by bench/turns.ts.
 */
import path from 'node:path';
import type * as ConfigModule from '../../config';
import type * as IndexModule from '../../index';
import type * as LoggerModule from '../../logger';
import { serveAsChild } from './serverProcess';

serveAsChild(async () => {
  // BENCH_WARMLINE_ROOT: another checkout's Warmline (bench:turns --baseline), else this one.
  const root = process.env.BENCH_WARMLINE_ROOT ?? path.resolve(__dirname, '..', '..');
  // BENCH_WARMLINE_BUILT: the compiled dist/ (bench:turns --built), as npm start runs it; else the sources.
  const [from, ext] = process.env.BENCH_WARMLINE_BUILT === '1' ? [path.join(root, 'dist'), '.js'] : [root, '.ts'];
  const { loadConfig } = (await import(path.join(from, `config${ext}`))) as typeof ConfigModule;
  const { startWarmline } = (await import(path.join(from, `index${ext}`))) as typeof IndexModule;
  const { silentLogger } = (await import(path.join(from, `logger${ext}`))) as typeof LoggerModule;
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
