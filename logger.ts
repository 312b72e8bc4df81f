/**
 * The one pino logger: JSON in production, readable lines in development. Areas take a child
 * (`logger.child({ area: 'storage' })`). Message text is never logged at info level (P10).
 */
import pino from 'pino';
import type { Logger } from 'pino';
import type { WarmlineConfig } from './config';

export type { Logger } from 'pino';

/** Creates the process-wide logger from the validated configuration. */
export function createLogger(config: Pick<WarmlineConfig, 'env' | 'logLevel'>): Logger {
  const pretty = config.env === 'development' && process.stdout.isTTY;
  return pino({
    level: config.logLevel,
    base: { app: 'warmline' },
    redact: { paths: ['text', '*.text', 'activity.text', 'password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' } } } : {}),
  });
}

/** A logger that drops everything: for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
