/**
 * Where the bot's taps send analytics events. Recording must be cheap and must never fail a turn:
 * `record` returns at once and never throws; the implementation keeps, masks and writes in the background.
 */
import type { AnalyticsInput } from './analyticsEvent';

/** Takes events as the bot runs (see `BufferedRecorder`). */
export interface AnalyticsRecorder {
  /** Takes one event; returns at once and never throws. */
  record(event: AnalyticsInput): void;
}

/** A recorder that keeps nothing (hosts and tests without analytics). */
export const noAnalytics: AnalyticsRecorder = { record: () => undefined };
