/**
 * The analytics summary as CSV, one figure a row (`metric,dimension,value`), so a spreadsheet gets
 * exactly what the screen shows. Fields are quoted when they need it, and a text that a spreadsheet
 * would run as a formula is defused.
 */
import type { AnalyticsSummary, TimeFigures } from './analyticsSummary';

/** The header row. */
export const csvHeader = ['metric', 'dimension', 'value'] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is made plain text. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : Number(value.toFixed(4)));
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The summary as CSV text (CRLF line ends, as RFC 4180 has them). */
export function summaryCsv(s: AnalyticsSummary): string {
  const rows: (readonly [string, string, string | number | null])[] = [
    ['period_from', '', s.query.from],
    ['period_to', '', s.query.to],
    ['filter_locale', '', s.query.locale ?? ''],
    ['filter_channel', '', s.query.channel ?? ''],
    ['conversations', '', s.conversations],
    ['contained', '', s.contained],
    ['containment_rate', '', s.containmentRate],
    ['resolved', '', s.resolution.resolved],
    ['not_resolved', '', s.resolution.notResolved],
    ['resolution_rate', '', s.resolution.rate],
    ['resolved', 'bot', s.resolution.bot.resolved],
    ['not_resolved', 'bot', s.resolution.bot.notResolved],
    ['resolved', 'agent', s.resolution.agent.resolved],
    ['not_resolved', 'agent', s.resolution.agent.notResolved],
    ['csat_count', '', s.csat.count],
    ['csat_average', '', s.csat.average],
    ...s.csat.scores.map((n, i) => ['csat_ratings', String(i + 1), n] as const),
    ['escalations', '', s.escalations.total],
    ...s.escalations.byReason.map((r) => ['escalations_by_reason', r.reason, r.count] as const),
    ['handoffs_queued', '', s.handoffs.queued],
    ['handoffs_accepted', '', s.handoffs.accepted],
    ['handoffs_ended', '', s.handoffs.ended],
    ...timeRows('wait_seconds', s.handoffs.wait),
    ...timeRows('handle_seconds', s.handoffs.handle),
    ...s.unanswered.map((u) => ['unanswered_question', u.text, u.count] as const),
    ...s.notResolved.map((n) => ['not_resolved_entry', [n.entryId, n.topic].filter((x) => x).join(' / '), n.count] as const),
    ['offers_decisions', '', s.offers.decisions],
    ['offers_eligible', '', s.offers.eligible],
    ['offers_shown', '', s.offers.shown],
    ['offers_held_out', '', s.offers.heldOut],
    ['offers_accepted', '', s.offers.accepted],
    ['offers_declined', '', s.offers.declined],
    ['offers_opted_out', '', s.offers.optedOut],
    ['offers_converted', 'exposed', s.offers.convertedExposed],
    ['offers_converted', 'holdout', s.offers.convertedHoldout],
    ['offers_conversion', 'exposed', s.offers.lift.exposed],
    ['offers_conversion', 'holdout', s.offers.lift.holdout],
    ['offers_lift_over_holdout', '', s.offers.lift.relative],
    ...s.daily.flatMap((d) => [['conversations_by_day', d.day, d.conversations], ['contained_by_day', d.day, d.contained], ['escalations_by_day', d.day, d.escalations]] as const),
    ...s.byLanguageAndChannel.map((b) => ['conversations_by_language_channel', `${b.locale || '-'}/${b.channel}`, b.conversations] as const),
  ];
  return [csvHeader.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n';
}

function timeRows(name: string, t: TimeFigures): (readonly [string, string, number | null])[] {
  return [
    [name, 'count', t.count],
    [name, 'average', t.averageSeconds],
    [name, 'median', t.medianSeconds],
    [name, 'max', t.maxSeconds],
  ];
}
