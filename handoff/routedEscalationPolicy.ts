/**
 * The rule-based escalation policy of the routing in force: when an admin publishes a routing with
 * other limits or phrases, the next turn is decided by the new rules, without a restart.
 */
import type { SupportedLocale } from '../locale/locale';
import type { EscalationDecision, EscalationPolicy, EscalationSignals } from './escalation';
import { RuleEscalationPolicy } from './escalationPolicy';
import { inForce } from './liveConfig';
import type { Live } from './liveConfig';
import type { RoutingConfig } from './routing';

/** A {@link RuleEscalationPolicy} rebuilt whenever the routing in force is another one. */
export class RoutedEscalationPolicy implements EscalationPolicy {
  private built: { readonly routing: RoutingConfig; readonly policy: RuleEscalationPolicy } | undefined;

  /** Builds the policy of the routing in force now; throws like {@link RuleEscalationPolicy} when its settings are not valid. */
  constructor(private readonly routing: Live<RoutingConfig>) {
    this.current();
  }

  isAgentRequest(text: string, locale: SupportedLocale): boolean {
    return this.current().isAgentRequest(text, locale);
  }

  isCancelRequest(text: string, locale: SupportedLocale): boolean {
    return this.current().isCancelRequest(text, locale);
  }

  sentiment(text: string, locale: SupportedLocale): number {
    return this.current().sentiment(text, locale);
  }

  decide(signals: EscalationSignals): EscalationDecision {
    return this.current().decide(signals);
  }

  private current(): RuleEscalationPolicy {
    const routing = inForce(this.routing);
    if (this.built?.routing !== routing) {
      // Published routing was checked by building this same policy, so a new one builds.
      this.built = { routing, policy: new RuleEscalationPolicy(routing.escalation, routing.tiers) };
    }
    return this.built.policy;
  }
}
