/**
 * The shape of `content/offers.yaml` as an admin writes it (snake_case keys), with the rules each
 * value must follow and the wording an admin reads when it does not. Rules that span several
 * offers or depend on other files (unique ids, known topics and tiers, date order) live in
 * `offerCatalogueLoader.ts`; this file only knows one value at a time.
 */
import { z } from 'zod';
import { escalationReasons } from '../handoff/escalation';
import { supportedLocales } from '../locale/locale';
import { defaultOfferSettings } from './offerCatalogue';
import type { PropensityMode } from './offerCatalogue';

/** What an offer id, product code, group, segment, tier or tag may look like. */
export const offerIdPattern = /^[a-z0-9-]+$/;

const id = z.string().regex(offerIdPattern, 'use only lower-case letters, digits and "-"');
const text = z.string().trim().min(1, 'must not be empty');
const positive = z.number().positive('must be more than 0');
const atLeast = (min: number) => z.number().min(min, `must be at least ${min}`);
const whole = (min: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`);
const between = (min: number, max: number) => z.number().min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`);
const ids = (what: string) => z.array(id).min(1, `list at least one ${what}, or leave the setting out`);

/** Inclusive ISO date, checked to be a real day of the calendar. */
const date = z.iso.date({ error: (i) => `${JSON.stringify(i.input)} is not a date; write YYYY-MM-DD, e.g. 2026-12-31` });

/** True when `value` is a real calendar date written YYYY-MM-DD (as `valid_from` / `valid_until` must be). */
export function isOfferDate(value: unknown): value is string {
  return date.safeParse(value).success;
}

const localized = z.strictObject({ 'en-US': text, 'zh-CN': text }, { error: 'write the text in every language: a mapping with en-US and zh-CN' });

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https:// address, e.g. https://lumenco.example/img/care-plus.png' });

const locale = z.enum(supportedLocales, { error: (i) => `${JSON.stringify(i.input)} is not a supported language; use ${supportedLocales.join(' or ')}` });

const offer = z.strictObject({
  id,
  product: id,
  group: id,
  value: positive,
  lever: positive.default(1),
  title: localized,
  text: localized,
  image_url: httpsUrl.optional(),
  valid_from: date.optional(),
  valid_until: date.optional(),
  eligibility: z
    .strictObject({
      tiers: ids('tier').optional(),
      segments: ids('segment').optional(),
      locales: z.array(locale).min(1, 'list at least one language, or leave the setting out').optional(),
      min_tenure_months: atLeast(0).optional(),
      min_spend: atLeast(0).optional(),
    })
    .prefault({}),
  applicability: z.strictObject({ not_holding: z.array(id).default([]), requires_holding: ids('product').optional() }).prefault({}),
  suitability: z.strictObject({ exclude_tags: z.array(id).default([]), exclude_segments: z.array(id).default([]) }).prefault({}),
  topics: z
    .record(z.string().regex(offerIdPattern, 'is not a knowledge topic (lower-case letters, digits and "-")'), between(0, 1))
    .refine((weights) => Object.keys(weights).length > 0, 'list at least one knowledge topic with its weight from 0 to 1'),
  caps: z.strictObject({ total_impressions: whole(1).optional(), per_customer_days: whole(1).optional() }).prefault({}),
  prior: z
    .strictObject({
      accept_rate: z.number().gt(0, 'must be between 0 and 1 (not 0 or 1)').lt(1, 'must be between 0 and 1 (not 0 or 1)').default(0.05),
      strength: positive.default(10),
    })
    .prefault({}),
});

const reason = z.string().refine((r) => (escalationReasons as readonly string[]).includes(r), {
  error: (i) => `${JSON.stringify(i.input)} is not an escalation reason; use one of ${escalationReasons.join(', ')}`,
});

const d = defaultOfferSettings;
const propensityModes = ['thompson', 'mean'] as const satisfies readonly PropensityMode[];

const settings = z.strictObject({
  holdout_share: between(0, 0.5).default(d.holdoutShare),
  holdout_salt: text.default(d.holdoutSalt),
  customer_cap: z.strictObject({ count: whole(1).default(d.customerCap.count), days: whole(1).default(d.customerCap.days) }).prefault({}),
  decline_cooldown_days: whole(0).default(d.declineCooldownDays),
  relevance_floor: between(0, 1).default(d.relevanceFloor),
  block_after_escalation: z.array(reason).default(() => [...d.blockAfterEscalation]),
  recent_turns: whole(1).default(d.recentTurns),
  negative_sentiment: between(-1, 0).default(d.negativeSentiment),
  propensity: z.enum(propensityModes, { error: (i) => `${JSON.stringify(i.input)} is not a way of choosing; use thompson or mean` }).default(d.propensity),
  channels: z.array(text).min(1, 'list at least one channel id, or no customer could ever see an offer').default(() => [...d.channels]),
});

/** The whole file: contact-policy settings (each optional) and the list of offers (may be empty). */
export const offerCatalogueSchema = z.strictObject({ settings: settings.prefault({}), offers: z.array(offer) });

/** The catalogue file after validation, still in the file's snake_case shape. */
export type OfferCatalogueFile = z.infer<typeof offerCatalogueSchema>;

/** One offer after validation, in the file's snake_case shape. */
export type OfferFileEntry = OfferCatalogueFile['offers'][number];
