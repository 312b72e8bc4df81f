/**
 * The shape of a topic file (see docs/FLOWS.md), as a zod schema that turns the YAML an admin
 * wrote into a {@link Topic}: `=`-prefixed strings become expressions, texts must have both
 * en-US and zh-CN, kinds come from the lists in flowDefinition.ts, and every mapping is strict, so
 * a misspelt key is named instead of ignored. Meaning across actions and topics (ids, variables,
 * guardrails) is the validator's part.
 */
import { z } from 'zod';
import { builtInEntities, triggerKinds } from './flowDefinition';
import type { Action, Expression, QuestionEntity, Topic, Trigger, ValueOrExpression } from './flowDefinition';
import type { FlowProblemCode } from './flowErrors';

/** Adds an issue carrying a problem code (read back by the loader) and aborts the value. */
function coded(ctx: z.RefinementCtx, code: FlowProblemCode, message: string): never {
  ctx.addIssue({ code: 'custom', message, params: { code } });
  return z.NEVER as never;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const text = z.string().trim().min(1, 'must not be empty');
const actionId = z.string().regex(/^[A-Za-z][\w-]*$/, 'use letters, digits, "-" and "_", starting with a letter');
const topicId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"');
const name = z.string().regex(/^[A-Za-z_]\w*$/, 'use letters, digits and "_", starting with a letter');
const variable = z.string().regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/, 'write a variable with its scope, e.g. topic.orderNumber');

/** A value given per language: both must be there and not empty; `what` words the message. */
function perLocale<T extends z.ZodType>(value: T, what: string) {
  const present = z.unknown().transform((v, ctx): unknown => (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? coded(ctx, 'missing-locale-text', `the ${what} in this language is missing or empty`) : v));
  const entry = present.pipe(value);
  return z
    .unknown()
    .transform((v, ctx) => (isMapping(v) ? v : coded(ctx, 'missing-locale-text', `write the ${what} in each language: { en-US: …, zh-CN: … }`)))
    .pipe(z.strictObject({ 'en-US': entry, 'zh-CN': entry }));
}

const localeText = perLocale(text, 'text');
const localePhrases = perLocale(z.array(text), 'phrases');
const synonyms = z.strictObject({ 'en-US': z.array(text).default([]), 'zh-CN': z.array(text).default([]) });

/** `=expression`, kept without the `=`. */
const expression = z.string().transform((v, ctx): Expression => {
  const body = v.trim();
  if (!body.startsWith('=')) return coded(ctx, 'invalid-field', `a condition is an expression: start it with "=", e.g. "=${body || 'topic.orderNumber != null'}"`);
  if (body.length === 1) return coded(ctx, 'expression-syntax', 'the expression after "=" is empty');
  return { expression: body.slice(1).trim() };
});

/** A literal (text, number, true/false, nothing) or `=expression`. */
const value = z.unknown().transform((v, ctx): ValueOrExpression => {
  if (v === undefined) return coded(ctx, 'missing-field', 'is required but missing');
  if (typeof v === 'string') return v.startsWith('=') ? { expression: v.slice(1).trim() } : v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  return coded(ctx, 'invalid-field', 'write text, a number, true or false, null, or "=" and an expression');
});

const button = z.strictObject({ title: localeText, value: z.string().optional() });
const card = perLocale(z.record(z.string(), z.unknown()), 'card');

const choice = z.strictObject({ value: text, title: localeText, synonyms: synonyms.optional() });
const entity = z.preprocess(
  (v) => (typeof v === 'string' ? { kind: v } : v),
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.enum(builtInEntities) }),
    z.strictObject({ kind: z.literal('choice'), choices: z.array(choice).min(1, 'list at least one choice') }),
    z.strictObject({ kind: z.literal('regex'), pattern: text, flags: z.string().regex(/^[imsu]*$/, 'use only the flags i, m, s and u').optional() }),
  ]),
) as z.ZodType<QuestionEntity>;

const base = { id: actionId, condition: expression.optional() };
const actionList = (): z.ZodType<Action[]> => z.array(action);

const sendActivity = z
  .strictObject({ ...base, kind: z.literal('SendActivity'), text: localeText.optional(), buttons: z.array(button).optional(), card: card.optional() })
  .refine((a) => a.text !== undefined || a.card !== undefined, { message: 'give a text, a card, or both', path: ['text'] });

const question = z.strictObject({
  ...base,
  kind: z.literal('Question'),
  variable,
  prompt: localeText,
  entity,
  retryPrompt: localeText.optional(),
  maxTurns: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').optional(),
  defaultValue: value.optional(),
  allowInterruptions: z.boolean().optional(),
  skipIfSet: z.boolean().optional(),
});

const conditionGroup = z.strictObject({
  ...base,
  kind: z.literal('ConditionGroup'),
  get conditions() {
    return z.array(z.strictObject({ id: actionId, condition: expression, actions: actionList() })).min(1, 'list at least one condition');
  },
  get elseActions() {
    return actionList().optional();
  },
});

const httpRequest = z.strictObject({
  ...base,
  kind: z.literal('HttpRequest'),
  method: z.enum(['GET', 'POST'], { error: 'use GET or POST' }),
  backend: name,
  path: value,
  body: z.record(z.string(), value).optional(),
  timeoutMs: z.number().int('must be a whole number').min(100, 'must be at least 100').max(30000, 'must be at most 30000').optional(),
  resultVariable: variable,
  get onError() {
    return actionList().optional();
  },
});

const action: z.ZodType<Action> = z.discriminatedUnion('kind', [
  sendActivity,
  question,
  conditionGroup,
  z.strictObject({ ...base, kind: z.literal('SetVariable'), variable, value }),
  z.strictObject({ ...base, kind: z.literal('BeginDialog'), dialog: topicId, input: z.record(name, value).optional(), output: z.record(name, variable).optional() }),
  z.strictObject({ ...base, kind: z.literal('GotoAction'), actionId }),
  z.strictObject({ ...base, kind: z.literal('EndDialog') }),
  z.strictObject({ ...base, kind: z.literal('CancelAllDialogs') }),
  z.strictObject({ ...base, kind: z.literal('AnswerFromKnowledge'), question: value.optional(), filters: z.record(z.string(), z.string()).optional(), resultVariable: variable.optional() }),
  z.strictObject({ ...base, kind: z.literal('CheckResolution'), resultVariable: variable.optional() }),
  z.strictObject({ ...base, kind: z.literal('TransferToAgent'), queue: text.optional(), reason: topicId, note: localeText.optional() }),
  z.strictObject({ ...base, kind: z.literal('TakeMessageOrCallback'), queue: text.optional(), reason: topicId.optional() }),
  httpRequest,
  z.strictObject({ ...base, kind: z.literal('LogEvent'), name: text, properties: z.record(z.string(), value).optional() }),
]);

const triggerCommon = { id: actionId.default('main'), condition: expression.optional(), priority: z.number().int('must be a whole number').optional(), actions: z.array(action).min(1, 'list at least one action') };
const intentOnly = (kinds: string) => ({ error: (issue: z.core.$ZodRawIssue) => (issue.code === 'unrecognized_keys' && issue.keys.includes('intent') ? `"intent" (trigger queries) is only for OnRecognizedIntent, not ${kinds}` : undefined) });
const systemKinds = triggerKinds.filter((k) => k !== 'OnRecognizedIntent') as [Exclude<Trigger['kind'], 'OnRecognizedIntent'>, ...Exclude<Trigger['kind'], 'OnRecognizedIntent'>[]];

const trigger = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('OnRecognizedIntent'), intent: z.strictObject({ triggerQueries: localePhrases }), ...triggerCommon }),
    z.strictObject({ kind: z.enum(systemKinds), ...triggerCommon }, intentOnly(systemKinds.join(', '))),
  ])
  .transform(({ intent, ...rest }: { intent?: { triggerQueries: Trigger['triggerQueries'] } } & Omit<Trigger, 'triggerQueries'>): Trigger => (intent ? { ...rest, triggerQueries: intent.triggerQueries } : rest));

/** A topic file as read, before the loader gives it its id (default: the file name) and source spots. */
export type TopicFile = Omit<Topic, 'id' | 'source'> & { readonly id?: string };

/** The schema of one topic file. */
export const topicFileSchema: z.ZodType<TopicFile> = z.strictObject({
  kind: z.literal('AdaptiveDialog', { error: 'write "kind: AdaptiveDialog" at the top of a topic file' }),
  id: topicId.optional(),
  displayName: localeText,
  inputs: z.array(name).optional(),
  outputs: z.array(name).optional(),
  beginDialog: trigger,
}).transform(({ kind: _kind, beginDialog, ...topic }) => ({ ...topic, trigger: beginDialog }));
