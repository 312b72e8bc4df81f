/**
 * Reads the routing file (`content/routing.yaml`): the queues and their opening hours, where each
 * topic and escalation reason goes, the priority tiers, and when the bot hands over. Validated once
 * at start-up; every problem is reported at once with its YAML path; the result is frozen.
 *
 * The file uses snake_case keys (the commented sample `content/routing.yaml` shows every setting):
 *
 * ```yaml
 * default_queue: general            # optional; the first queue when left out
 * queues:                           # at least one
 *   - id: specialists               # lower-case letters, digits, "-"; unique
 *     names: { en-US: Specialists, zh-CN: 专家服务 }
 *     hours:                        # or: hours: always
 *       time_zone: Europe/London    # IANA time zone
 *       weekly: { mon: ["09:00-17:00"], tue: ["09:00-12:00", "13:00-17:00"] }   # missing day = closed; end may be 24:00
 *       holidays: [2026-12-25]      # local dates closed all day
 *     max_wait_minutes: 10          # optional, default 10
 *     default_handle_minutes: 6     # optional, default 6
 * topic_queues: { delivery: orders }          # knowledge topic → queue
 * reason_queues: { fraud: specialists }       # escalation reason → queue (the topic wins when both match)
 * tiers: [{ id: vip, priority: 30, no_match_limit: 1 }]
 * escalation:                                 # every setting optional
 *   no_match_limit: 2
 *   not_resolved_limit: 2
 *   negative_turns: 2
 *   negative_threshold: -0.3
 *   agent_phrases: { en-US: [], zh-CN: [] }
 *   cancel_phrases: { en-US: [], zh-CN: [] }
 *   topics: { legal: complaint }              # topic → reason: always goes to a person
 * ```
 */
import { z } from 'zod';
import { escalationReasons } from './escalation';
import type { EscalationReason } from './escalation';
import type { OpeningHours, RoutingConfig, TimeRange, Weekday } from './routing';
import { parseRoutingYaml, readRoutingFile, RoutingError, routingErrorCodes, routingProblemsFromZod, yamlPath } from './routingErrors';
import type { RoutingProblem } from './routingErrors';
import { deepFreeze } from '../yaml/deepFreeze';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];

const id = z.string().regex(/^[a-z0-9-]+$/, 'use only lower-case letters, digits and "-"');
const text = z.string().trim().min(1, 'must not be empty');
const whole = (min: number, max: number) => z.number().int(`must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const timeZone = z.string().refine(isTimeZone, { error: (i) => `${JSON.stringify(i.input)} is not a time zone; use an IANA name such as Europe/London or Asia/Shanghai` });

const timeRange = z.string().transform((value, ctx): TimeRange => {
  const range = parseTimeRange(value);
  if (typeof range === 'string') {
    ctx.issues.push({ code: 'custom', message: range, input: value });
    return z.NEVER;
  }
  return range;
});

const holiday = z.string().refine(isRealDate, { error: (i) => `${JSON.stringify(i.input)} is not a date; write YYYY-MM-DD, e.g. 2026-12-25` });

const weekly = z.strictObject(Object.fromEntries(weekdays.map((d) => [d, z.array(timeRange).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof timeRange>>>);

const scheduled = z
  .strictObject(
    {
      always: z.literal(true).optional(),
      time_zone: timeZone.optional(),
      weekly: weekly.prefault({}),
      holidays: z.array(holiday).default([]),
    },
    { error: 'write "always", or a mapping with time_zone, weekly and holidays' },
  )
  .superRefine((hours, ctx) => {
    if (hours.always) return;
    if (hours.time_zone === undefined) ctx.addIssue({ code: 'custom', path: ['time_zone'], message: 'is required (an IANA time zone such as Europe/London), or write "hours: always"' });
    if (!weekdays.some((d) => (hours.weekly[d]?.length ?? 0) > 0)) ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'no opening times, so the queue would never open; list at least one day or write "hours: always"' });
  });

const hours = z.preprocess((value) => (value === 'always' ? { always: true } : value), scheduled);

const queue = z.strictObject({
  id,
  names: z.strictObject({ 'en-US': text, 'zh-CN': text }),
  hours,
  max_wait_minutes: whole(1, 1440).default(10),
  default_handle_minutes: z.number().positive('must be more than 0').max(480, 'must be at most 480').default(6),
});

const phrases = z.strictObject({ 'en-US': z.array(text).default([]), 'zh-CN': z.array(text).default([]) }).prefault({});

const reason = z.enum(escalationReasons, { error: (i) => `${JSON.stringify(i.input)} is not an escalation reason; use one of ${escalationReasons.join(', ')}` });

const schema = z.strictObject({
  default_queue: z.string().optional(),
  queues: z.array(queue).min(1, 'list at least one queue'),
  topic_queues: z.record(z.string(), z.string()).default({}),
  reason_queues: z.record(z.string(), z.string()).default({}),
  tiers: z.array(z.strictObject({ id, priority: whole(1, 1000), no_match_limit: whole(1, 20).optional() })).default([]),
  escalation: z
    .strictObject({
      no_match_limit: whole(1, 20).default(2),
      not_resolved_limit: whole(1, 20).default(2),
      negative_turns: whole(1, 20).default(2),
      negative_threshold: z.number().min(-1, 'must be from -1 to 0').max(0, 'must be from -1 to 0').default(-0.3),
      agent_phrases: phrases,
      cancel_phrases: phrases,
      topics: z.record(z.string(), reason).default({}),
    })
    .prefault({}),
});

/**
 * Validates the routing file's text. `source` names it in error messages (usually the file path).
 * Throws a {@link RoutingError} listing every problem.
 */
export function parseRouting(yamlText: string, source: string): RoutingConfig {
  const raw = parseRoutingYaml(yamlText, source);
  const parsed = schema.safeParse(raw, { reportInput: true });
  const problems = [...(parsed.success ? [] : routingProblemsFromZod(parsed.error.issues)), ...crossReferenceProblems(raw)];
  if (!parsed.success || problems.length > 0) throw new RoutingError(routingErrorCodes.invalid, source, problems);
  const file = parsed.data;
  const firstQueue = file.queues[0]?.id ?? '';
  return deepFreeze({
    defaultQueue: file.default_queue ?? firstQueue,
    queues: file.queues.map((q) => ({
      id: q.id,
      names: q.names,
      hours: openingHours(q.hours),
      maxWaitMinutes: q.max_wait_minutes,
      defaultHandleMinutes: q.default_handle_minutes,
    })),
    topicQueues: file.topic_queues,
    reasonQueues: file.reason_queues as Partial<Record<EscalationReason, string>>,
    tiers: file.tiers.map((t) => ({ id: t.id, priority: t.priority, ...(t.no_match_limit === undefined ? {} : { noMatchLimit: t.no_match_limit }) })),
    escalation: {
      noMatchLimit: file.escalation.no_match_limit,
      notResolvedLimit: file.escalation.not_resolved_limit,
      negativeTurns: file.escalation.negative_turns,
      negativeThreshold: file.escalation.negative_threshold,
      agentPhrases: file.escalation.agent_phrases,
      cancelPhrases: file.escalation.cancel_phrases,
      topics: file.escalation.topics,
    },
  });
}

/** Reads and validates the routing file at `file`; see {@link parseRouting}. */
export function loadRouting(file: string): RoutingConfig {
  return parseRouting(readRoutingFile(file), file);
}

function openingHours(hours: z.infer<typeof scheduled>): OpeningHours {
  if (hours.always) return { timeZone: hours.time_zone ?? 'UTC', always: true, weekly: {}, holidays: [] };
  const week: Partial<Record<Weekday, readonly TimeRange[]>> = {};
  for (const day of weekdays) {
    const ranges = hours.weekly[day];
    if (ranges && ranges.length > 0) week[day] = [...ranges].sort((a, b) => a.start.localeCompare(b.start));
  }
  return { timeZone: canonicalTimeZone(hours.time_zone ?? 'UTC'), always: false, weekly: week, holidays: [...new Set(hours.holidays)].sort() };
}

/**
 * Problems that span the file: unique ids, and every queue or reason named elsewhere exists. Read
 * from the raw document so they are reported together with the shape problems.
 */
function crossReferenceProblems(raw: unknown): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const doc = record(raw);
  const queueIds = new Set<string>();
  const queues = Array.isArray(doc.queues) ? doc.queues : [];
  queues.forEach((q, i) => {
    const qid = record(q).id;
    if (typeof qid !== 'string') return;
    if (queueIds.has(qid)) problems.push({ path: yamlPath(['queues', i, 'id']), message: `"${qid}" is used by an earlier queue; queue ids must be unique` });
    queueIds.add(qid);
  });
  const known = `queues are: ${[...queueIds].join(', ') || 'none'}`;
  const checkQueue = (path: PropertyKey[], value: unknown): void => {
    if (typeof value === 'string' && !queueIds.has(value)) problems.push({ path: yamlPath(path), message: `no queue "${value}" (${known})` });
    else if (typeof value !== 'string' && value !== undefined) problems.push({ path: yamlPath(path), message: 'expected a queue id' });
  };
  checkQueue(['default_queue'], doc.default_queue);
  for (const [topic, target] of Object.entries(record(doc.topic_queues))) checkQueue(['topic_queues', topic], target);
  for (const [why, target] of Object.entries(record(doc.reason_queues))) {
    if (!(escalationReasons as readonly string[]).includes(why)) {
      problems.push({ path: yamlPath(['reason_queues', why]), message: `"${why}" is not an escalation reason; use one of ${escalationReasons.join(', ')}` });
    }
    checkQueue(['reason_queues', why], target);
  }
  const tierIds = new Set<string>();
  (Array.isArray(doc.tiers) ? doc.tiers : []).forEach((t, i) => {
    const tid = record(t).id;
    if (typeof tid !== 'string') return;
    if (tierIds.has(tid)) problems.push({ path: yamlPath(['tiers', i, 'id']), message: `"${tid}" is used by an earlier tier; tier ids must be unique` });
    tierIds.add(tid);
  });
  return problems;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const clock = /^(\d{2}):(\d{2})$/;

/** `"09:00-17:00"` → `{ start, end }`, or what is wrong with it. */
function parseTimeRange(value: string): TimeRange | string {
  const hint = `${JSON.stringify(value)} is not a time range; write HH:MM-HH:MM, e.g. "09:00-17:00"`;
  const [start, end, ...rest] = value.split('-').map((s) => s.trim());
  if (start === undefined || end === undefined || rest.length > 0) return hint;
  const from = minutes(start);
  const to = minutes(end);
  if (from === undefined || to === undefined || from === 24 * 60) return hint;
  if (from >= to) return `${JSON.stringify(value)}: the start must be before the end (use 24:00 for midnight at the end of the day)`;
  return { start, end };
}

function minutes(time: string): number | undefined {
  const match = clock.exec(time);
  if (!match) return undefined;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
}

function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

