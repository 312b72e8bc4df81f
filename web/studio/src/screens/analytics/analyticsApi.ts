/** The studio's calls to the analytics API (see docs/STUDIO_API.md). */

import type { AnalyticsSummary } from '../../../../../analytics/analyticsSummary';

// The server's own types (type-only: nothing of the server is bundled), so the screen and the API cannot drift apart.
export type { AnalyticsSummary, TimeFigures } from '../../../../../analytics/analyticsSummary';

/** What a person chose: dates as YYYY-MM-DD (UTC days, both included), and optional filters. */
export interface PeriodChoice {
  readonly from: string;
  readonly to: string;
  readonly locale: string;
  readonly channel: string;
}

/** The query string of a choice (empty filters left out). */
export function periodQuery(choice: PeriodChoice): string {
  const params = new URLSearchParams({ from: choice.from, to: choice.to });
  if (choice.locale) params.set('locale', choice.locale);
  if (choice.channel) params.set('channel', choice.channel);
  return params.toString();
}

/** The last 7 UTC days up to today. */
export function lastWeek(now = new Date()): PeriodChoice {
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
  return { from: day(-6), to: day(0), locale: '', channel: '' };
}

/** The summary, or the server's message (400) / undefined (unreachable). */
export async function fetchSummary(choice: PeriodChoice): Promise<{ ok: true; summary: AnalyticsSummary } | { ok: false; message?: string }> {
  try {
    const res = await fetch(`/api/analytics/summary?${periodQuery(choice)}`, { credentials: 'same-origin' });
    if (res.ok) return { ok: true, summary: (await res.json()) as AnalyticsSummary };
    const body = (await res.json().catch(() => undefined)) as { message?: string } | undefined;
    return { ok: false, ...(res.status === 400 && body?.message ? { message: body.message } : {}) };
  } catch {
    return { ok: false };
  }
}
