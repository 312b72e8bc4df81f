/**
 * The analytics questions as SQL that SQLite and PostgreSQL both run unchanged (see `SqlRunner`):
 * counts grouped in the database, the arithmetic in `analyticsSummary.ts`.
 */
import type { AnalyticsEvent } from './analyticsEvent';
import { isAnalyticsEventKind } from './analyticsEvent';
import type { AnalyticsQuery } from './analyticsQuery';
import type { AnalyticsSummary, CountedDetail } from './analyticsSummary';
import { csatFigures, offerFunnel, rate, resolutionFigures, timeFigures, topListSize } from './analyticsSummary';
import type { AnalyticsStore, ConversationListing, ConversationOutcome, ConversationSearch } from './analyticsStore';
import { conversationOutcomes } from './analyticsStore';
import type { SqlRunner, SqlValue } from './sqlRunner';

const table = 'analytics_events';

/** The period and filters on the events of alias `a`. */
function filtered(a: string, q: AnalyticsQuery): { sql: string; params: SqlValue[] } {
  const parts = [`${a}.at >= ?`, `${a}.at < ?`];
  const params: SqlValue[] = [q.from, q.to];
  if (q.locale) {
    parts.push(`${a}.locale = ?`);
    params.push(q.locale);
  }
  if (q.channel) {
    parts.push(`${a}.channel = ?`);
    params.push(q.channel);
  }
  return { sql: parts.join(' AND '), params };
}

/** An event of kind `kind` in the same conversation as `s`. */
const sameConversation = (s: string, x: string, kind: string): string => `SELECT 1 FROM ${table} ${x} WHERE ${x}.conversation_id = ${s}.conversation_id AND ${x}.channel = ${s}.channel AND ${x}.kind = '${kind}'`;

/** The conversation started as `s` was resolved by the bot and never queued for a person. */
const containedSql = (s: string): string => `(EXISTS (${sameConversation(s, 'r', 'resolution')} AND r.detail = 'bot' AND r.value = 1) AND NOT EXISTS (${sameConversation(s, 'h', 'handoff-queued')}))`;

/** The listing columns of conversations started as `s`, with their outcome. */
const listingSql = `
  SELECT c.*, CASE
      WHEN c.handoffs > 0 THEN 'escalated'
      WHEN c.last_resolution = 1 THEN 'resolved'
      WHEN c.last_resolution = 0 THEN 'not-resolved'
      WHEN c.unanswered > 0 THEN 'unanswered'
      ELSE 'none' END AS outcome
  FROM (
    SELECT s.conversation_id, s.channel, s.locale, s.at AS started_at,
      (SELECT MAX(x.at) FROM ${table} x WHERE x.conversation_id = s.conversation_id AND x.channel = s.channel) AS last_at,
      (SELECT COUNT(*) FROM ${table} x WHERE x.conversation_id = s.conversation_id AND x.channel = s.channel AND x.kind = 'handoff-queued') AS handoffs,
      (SELECT COUNT(*) FROM ${table} x WHERE x.conversation_id = s.conversation_id AND x.channel = s.channel AND x.kind = 'unanswered') AS unanswered,
      (SELECT x.value FROM ${table} x WHERE x.conversation_id = s.conversation_id AND x.channel = s.channel AND x.kind = 'resolution' ORDER BY x.at DESC, x.id DESC LIMIT 1) AS last_resolution,
      (SELECT x.value FROM ${table} x WHERE x.conversation_id = s.conversation_id AND x.channel = s.channel AND x.kind = 'csat' ORDER BY x.at DESC, x.id DESC LIMIT 1) AS csat
    FROM ${table} s
    WHERE s.kind = 'conversation-started' AND %WHERE%
  ) c`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An {@link AnalyticsStore} over a {@link SqlRunner}. */
export class SqlAnalyticsStore implements AnalyticsStore {
  readonly kind: 'sqlite' | 'postgres';

  constructor(private readonly db: SqlRunner) {
    this.kind = db.dialect;
  }

  async append(events: readonly AnalyticsEvent[]): Promise<void> {
    if (events.length > 0) await this.db.insert(events);
  }

  async summary(q: AnalyticsQuery): Promise<AnalyticsSummary> {
    const s = filtered('s', q);
    const e = filtered('e', q);
    const started = `FROM ${table} s WHERE s.kind = 'conversation-started' AND ${s.sql}`;
    const [daily, escalationsDaily, byLanguage, kinds, details, times, unanswered, notResolved, locales, channels] = await Promise.all([
      this.db.all(`SELECT d.day, COUNT(*) AS n, SUM(d.contained) AS contained FROM (SELECT s.day, CASE WHEN ${containedSql('s')} THEN 1 ELSE 0 END AS contained ${started}) d GROUP BY d.day ORDER BY d.day`, s.params),
      this.db.all(`SELECT e.day, COUNT(*) AS n FROM ${table} e WHERE e.kind = 'escalation' AND ${e.sql} GROUP BY e.day`, e.params),
      this.db.all(`SELECT COALESCE(s.locale, '') AS lang, s.channel, COUNT(*) AS n ${started} GROUP BY s.locale, s.channel ORDER BY n DESC, lang, s.channel`, s.params),
      this.db.all(`SELECT e.kind, COUNT(*) AS n FROM ${table} e WHERE ${e.sql} GROUP BY e.kind`, e.params),
      this.db.all(
        `SELECT e.kind, e.detail, CASE WHEN e.kind IN ('resolution', 'csat') THEN e.value END AS v, COUNT(*) AS n FROM ${table} e
         WHERE e.kind IN ('resolution', 'csat', 'escalation', 'offer-decided', 'offer-answered', 'offer-converted') AND ${e.sql}
         GROUP BY e.kind, e.detail, CASE WHEN e.kind IN ('resolution', 'csat') THEN e.value END`,
        e.params,
      ),
      this.db.all(`SELECT e.kind, e.value FROM ${table} e WHERE e.kind IN ('handoff-accepted', 'handoff-ended') AND e.value IS NOT NULL AND ${e.sql}`, e.params),
      this.db.all(`SELECT e.text, COUNT(*) AS n FROM ${table} e WHERE e.kind = 'unanswered' AND e.text IS NOT NULL AND ${e.sql} GROUP BY e.text ORDER BY n DESC, e.text LIMIT ${topListSize}`, e.params),
      this.db.all(
        `SELECT e.entry_id, e.topic, COUNT(*) AS n FROM ${table} e WHERE e.kind = 'resolution' AND e.value = 0 AND ${e.sql}
         GROUP BY e.entry_id, e.topic ORDER BY n DESC, COALESCE(e.entry_id, ''), COALESCE(e.topic, '') LIMIT ${topListSize}`,
        e.params,
      ),
      this.db.all(`SELECT DISTINCT s.locale AS v FROM ${table} s WHERE s.kind = 'conversation-started' AND s.at >= ? AND s.at < ? AND s.locale IS NOT NULL ORDER BY v`, [q.from, q.to]),
      this.db.all(`SELECT DISTINCT s.channel AS v FROM ${table} s WHERE s.kind = 'conversation-started' AND s.at >= ? AND s.at < ? ORDER BY v`, [q.from, q.to]),
    ]);
    const counted: (CountedDetail & { value: number | null })[] = details.map((r) => ({ kind: String(r.kind), detail: str(r.detail), value: numOrNull(r.v), count: num(r.n) }));
    const of = (kind: string) => counted.filter((r) => r.kind === kind);
    const kindCount = (kind: string): number => num(kinds.find((r) => r.kind === kind)?.n);
    const escalationsByDay = new Map(escalationsDaily.map((r) => [String(r.day), num(r.n)]));
    const conversations = daily.reduce((a, r) => a + num(r.n), 0);
    const contained = daily.reduce((a, r) => a + num(r.contained), 0);
    const byReason = of('escalation')
      .map((r) => ({ reason: r.detail ?? '', count: r.count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const secondsOf = (kind: string): number[] => times.filter((r) => r.kind === kind).map((r) => num(r.value));
    return {
      query: q,
      conversations,
      contained,
      containmentRate: rate(contained, conversations),
      resolution: resolutionFigures(of('resolution')),
      csat: csatFigures(of('csat')),
      escalations: { total: byReason.reduce((a, r) => a + r.count, 0), byReason },
      handoffs: { queued: kindCount('handoff-queued'), accepted: kindCount('handoff-accepted'), ended: kindCount('handoff-ended'), wait: timeFigures(secondsOf('handoff-accepted')), handle: timeFigures(secondsOf('handoff-ended')) },
      unanswered: unanswered.map((r) => ({ text: String(r.text), count: num(r.n) })),
      notResolved: notResolved.map((r) => ({ entryId: str(r.entry_id), topic: str(r.topic), count: num(r.n) })),
      offers: offerFunnel(counted),
      daily: daily.map((r) => ({ day: String(r.day), conversations: num(r.n), contained: num(r.contained), escalations: escalationsByDay.get(String(r.day)) ?? 0 })),
      byLanguageAndChannel: byLanguage.map((r) => ({ locale: String(r.lang), channel: String(r.channel), conversations: num(r.n) })),
      locales: locales.map((r) => String(r.v)),
      channels: channels.map((r) => String(r.v)),
    };
  }

  async searchConversations(search: ConversationSearch): Promise<ConversationListing[]> {
    const where = filtered('s', search);
    const params = [...where.params];
    let sql = where.sql;
    if (search.customerRef) {
      sql += ' AND s.customer_ref = ?';
      params.push(search.customerRef);
    }
    if (search.topic) {
      sql += ` AND EXISTS (SELECT 1 FROM ${table} t WHERE t.conversation_id = s.conversation_id AND t.channel = s.channel AND t.topic = ?)`;
      params.push(search.topic);
    }
    const outer = search.outcome ? 'WHERE o.outcome = ?' : '';
    if (search.outcome) params.push(search.outcome);
    params.push(Math.max(1, Math.min(500, Math.floor(search.limit))));
    const rows = await this.db.all(`SELECT * FROM (${listingSql.replace('%WHERE%', sql)}) o ${outer} ORDER BY o.started_at DESC, o.conversation_id LIMIT ?`, params);
    return rows.map(listingOf);
  }

  async conversation(conversationId: string): Promise<{ listing: ConversationListing; events: AnalyticsEvent[] } | undefined> {
    const rows = await this.db.all(`${listingSql.replace('%WHERE%', 's.conversation_id = ?')} ORDER BY c.started_at LIMIT 1`, [conversationId]);
    const first = rows[0];
    if (!first) return undefined;
    const listing = listingOf(first);
    const events = await this.db.all(`SELECT * FROM ${table} WHERE conversation_id = ? AND channel = ? ORDER BY at, id`, [listing.conversationId, listing.channel]);
    return { listing, events: events.flatMap(eventOf) };
  }

  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.db.run(`DELETE FROM ${table} WHERE at < ?`, [cutoff.toISOString()]);
  }

  forget(customerRef: string): Promise<number> {
    // Their conversations go whole: a handoff's or topic's event there concerns them too.
    return this.db.run(`DELETE FROM ${table} WHERE customer_ref = ? OR conversation_id IN (SELECT conversation_id FROM ${table} WHERE customer_ref = ?)`, [customerRef, customerRef]);
  }

  async countFor(customerRef: string): Promise<number> {
    const rows = await this.db.all(`SELECT COUNT(*) AS n FROM ${table} WHERE customer_ref = ?`, [customerRef]);
    return num(rows[0]?.n);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function listingOf(r: Record<string, unknown>): ConversationListing {
  const outcome = String(r.outcome);
  return {
    conversationId: String(r.conversation_id),
    channel: String(r.channel),
    locale: str(r.locale),
    startedAt: String(r.started_at),
    lastAt: String(r.last_at ?? r.started_at),
    outcome: (conversationOutcomes as readonly string[]).includes(outcome) ? (outcome as ConversationOutcome) : 'none',
    csat: numOrNull(r.csat),
  };
}

function eventOf(r: Record<string, unknown>): AnalyticsEvent[] {
  if (!isAnalyticsEventKind(r.kind)) return [];
  const optional = (name: string, column: string) => (r[column] === null || r[column] === undefined ? {} : { [name]: String(r[column]) });
  return [
    {
      at: String(r.at),
      kind: r.kind,
      conversationId: String(r.conversation_id),
      channel: String(r.channel),
      ...optional('locale', 'locale'),
      ...optional('customerRef', 'customer_ref'),
      ...optional('topic', 'topic'),
      ...optional('entryId', 'entry_id'),
      ...optional('handoffId', 'handoff_id'),
      ...optional('offerId', 'offer_id'),
      ...optional('detail', 'detail'),
      ...(r.value === null || r.value === undefined ? {} : { value: Number(r.value) }),
      ...optional('text', 'text'),
    },
  ];
}
