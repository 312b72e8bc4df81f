/**
 * The rule-based escalation policy (P1, P4): recognises requests for a person and "never mind" in
 * English and Chinese, scores sentiment, and decides each turn whether the bot should hand over or
 * offer a person, and why. Every rule is one readable line of {@link RuleEscalationPolicy.decide}, so
 * an admin can tell from the recorded reason which rule fired.
 */
import { z } from 'zod';
import type { SupportedLocale } from '../locale/locale';
import { AgentRequestMatcher } from './agentRequestMatcher';
import { CancelRequestMatcher } from './cancelRequestMatcher';
import { escalationReasons } from './escalation';
import type { EscalationDecision, EscalationPolicy, EscalationReason, EscalationSignals } from './escalation';
import { phraseWords } from './messageText';
import type { EscalationSettings, PriorityTier } from './routing';
import { RoutingError, routingErrorCodes, routingProblemsFromZod } from './routingErrors';
import { scoreSentiment } from './sentiment';

/** Reasons a knowledge entry may carry (`escalate=true reason=…`); any other value means `expert`. */
const entryReasons: ReadonlySet<string> = new Set<EscalationReason>(['complaint', 'cancellation', 'fraud', 'expert']);

const phrase = z.string().refine((p) => phraseWords(p).length > 0, 'a phrase needs at least one word');
const phrases = z.object({ 'en-US': z.array(phrase), 'zh-CN': z.array(phrase) });
const limit = z.int().min(1);
const settingsSchema = z.object({
  noMatchLimit: limit,
  notResolvedLimit: limit,
  negativeTurns: limit,
  negativeThreshold: z.number().min(-1).max(1),
  agentPhrases: phrases,
  cancelPhrases: phrases,
  topics: z.record(z.string(), z.enum(escalationReasons)),
});
const tiersSchema = z
  .array(z.object({ id: z.string().trim().min(1), priority: z.number(), noMatchLimit: limit.optional() }))
  .superRefine((tiers, ctx) => {
    const seen = new Set<string>();
    tiers.forEach((tier, index) => {
      if (seen.has(tier.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `tier "${tier.id}" is listed twice` });
      seen.add(tier.id);
    });
  });
const argumentsSchema = z.object({ escalation: settingsSchema, tiers: tiersSchema });

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Decides escalation from explicit rules, in a fixed order: the customer asked, the answered entry or
 * its topic needs a person, sustained frustration, answers marked not resolved, then unanswered
 * questions in a row (sooner for priority tiers that say so). `detail` is a short English note for
 * records and the agent's view; it never quotes the customer.
 */
export class RuleEscalationPolicy implements EscalationPolicy {
  private readonly settings: EscalationSettings;
  private readonly tiers: ReadonlyMap<string, PriorityTier>;
  private readonly agentRequests: AgentRequestMatcher;
  private readonly cancelRequests: CancelRequestMatcher;

  /** Throws a `WL_ROUTING_INVALID` {@link RoutingError} listing every problem with the arguments. */
  constructor(settings: EscalationSettings, tiers: readonly PriorityTier[]) {
    const parsed = argumentsSchema.safeParse({ escalation: settings, tiers });
    if (!parsed.success) throw new RoutingError(routingErrorCodes.invalid, 'escalation policy', routingProblemsFromZod(parsed.error.issues));
    this.settings = settings;
    this.tiers = new Map(tiers.map((t) => [t.id, t]));
    // Customers mix languages, so every locale's phrases are checked whatever the turn's locale.
    this.agentRequests = new AgentRequestMatcher([...settings.agentPhrases['en-US'], ...settings.agentPhrases['zh-CN']]);
    this.cancelRequests = new CancelRequestMatcher([...settings.cancelPhrases['en-US'], ...settings.cancelPhrases['zh-CN']]);
  }

  /** True when the message asks for a person, in either language (the locale does not limit it). */
  isAgentRequest(text: string, _locale: SupportedLocale): boolean {
    return this.agentRequests.matches(text);
  }

  /** True when a short message withdraws a request for a person and does not ask for one again. */
  isCancelRequest(text: string, _locale: SupportedLocale): boolean {
    return !this.agentRequests.matches(text) && this.cancelRequests.matches(text);
  }

  /** Sentiment of one message, −1…1, from the explainable lexicon baseline in `sentiment.ts`. */
  sentiment(text: string, _locale: SupportedLocale): number {
    return scoreSentiment(text);
  }

  /** Whether this turn leads to a person, and why; the first rule that applies wins. */
  decide(signals: EscalationSignals): EscalationDecision {
    const s = this.settings;
    if (this.agentRequests.matches(signals.text)) return transfer('requested', 'customer asked for a person');
    const entryReason = signals.entryReason?.trim().toLowerCase();
    if (entryReason) {
      const reason = entryReasons.has(entryReason) ? (entryReason as EscalationReason) : 'expert';
      return transfer(reason, 'answered entry is marked for a person');
    }
    if (signals.topic !== undefined && Object.hasOwn(s.topics, signals.topic)) {
      const reason = s.topics[signals.topic];
      if (reason !== undefined) return transfer(reason, `topic "${signals.topic}" goes to a person`);
    }
    const recent = signals.sentiments.slice(-s.negativeTurns);
    if (recent.length === s.negativeTurns && recent.every((v) => v <= s.negativeThreshold)) {
      return offer('frustration', `${plural(s.negativeTurns, 'negative message', 'negative messages')} in a row`);
    }
    if (signals.notResolvedCount >= s.notResolvedLimit) {
      return offer('not-resolved', `${plural(signals.notResolvedCount, 'answer', 'answers')} marked not resolved`);
    }
    return this.noMatchDecision(signals);
  }

  private noMatchDecision(signals: EscalationSignals): EscalationDecision {
    const tier = signals.tier === undefined ? undefined : this.tiers.get(signals.tier);
    const defaultLimit = this.settings.noMatchLimit;
    const limitOf = tier?.noMatchLimit ?? defaultLimit;
    const count = signals.consecutiveNoMatches;
    if (!(count >= limitOf)) return { escalate: false };
    const unanswered = `${plural(count, 'unanswered question', 'unanswered questions')} in a row`;
    if (tier !== undefined && limitOf < defaultLimit && count < defaultLimit) {
      return offer('priority-tier', `${unanswered} (tier "${tier.id}" is offered a person after ${limitOf})`);
    }
    return offer('repeated-no-match', unanswered);
  }
}

function transfer(reason: EscalationReason, detail: string): EscalationDecision {
  return { escalate: true, mode: 'transfer', reason, detail };
}

function offer(reason: EscalationReason, detail: string): EscalationDecision {
  return { escalate: true, mode: 'offer', reason, detail };
}
