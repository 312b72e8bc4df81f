/**
 * Warmline as a program (`npm start`): reads `.env` if present, validates the settings, starts the
 * server and stops it on signals.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import type { WarmlineConfig } from '../config';
import { createLogger } from '../logger';

import { startWarmline } from './startWarmline';
import type { WarmlineApp } from './startWarmline';

/** Runs Warmline as a program: reads `.env` if present, validates settings, starts, stops on signals. */
export async function main(): Promise<void> {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let config: WarmlineConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  let app: WarmlineApp;
  try {
    app = await startWarmline(config, { logger });
  } catch (err) {
    logger.fatal({ err }, 'Warmline could not start');
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: publishing the knowledge folder and the offer catalogue if edited, checking for published content and flows');
    void app.content.publishEditedSeeds();
    void app.flows.check();
  });
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
