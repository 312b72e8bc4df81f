/**
 * Refuses flows that would take the place of a guardrail. The runtime sends a request for a person
 * to the OnEscalate topic and "cancel" / "算了" out of the current topic whatever a flow says, so a
 * flow may not claim those words as its own trigger queries, and the OnEscalate topic must always
 * run and reach a person or take a message on every path (P1).
 */
import { AgentRequestMatcher } from '../handoff/agentRequestMatcher';
import { CancelRequestMatcher } from '../handoff/cancelRequestMatcher';
import { supportedLocales } from '../locale/locale';
import { triggerPath } from './actionTree';
import { escalationOutcome } from './escalationPaths';
import type { Topic } from './flowDefinition';
import type { Report } from './problemReport';

/** Admins' own phrases for a person and for cancel (routing's `agent_phrases`, `cancel_phrases`). */
export interface GuardrailPhrases {
  readonly agentPhrases?: readonly string[];
  readonly cancelPhrases?: readonly string[];
}

/** Reports every flow construct that would block escalation or cancel. */
export function checkGuardrails(topics: readonly Topic[], byId: ReadonlyMap<string, Topic>, report: Report, phrases: GuardrailPhrases): void {
  const agent = new AgentRequestMatcher(phrases.agentPhrases ?? []);
  const cancel = new CancelRequestMatcher(phrases.cancelPhrases ?? []);
  for (const topic of topics) {
    for (const locale of supportedLocales) {
      topic.trigger.triggerQueries?.[locale].forEach((query, i) => {
        const at = [...triggerPath, 'intent', 'triggerQueries', locale, i];
        if (agent.matches(query)) {
          report('blocks-escalation', topic, at, `"${query}" asks for a person; that always goes to the OnEscalate topic (P1), so it cannot start this one. Remove it, or add this topic's steps to the OnEscalate topic`);
        } else if (cancel.matches(query)) {
          report('blocks-cancel', topic, at, `"${query}" is a cancel phrase; it always leaves the current topic, so it cannot start this one. Remove it`);
        }
      });
    }
    if (topic.trigger.kind === 'OnEscalate') checkEscalateTopic(topic, byId, report);
  }
}

function checkEscalateTopic(topic: Topic, byId: ReadonlyMap<string, Topic>, report: Report): void {
  if (topic.trigger.condition) {
    report('blocks-escalation', topic, [...triggerPath, 'condition'], 'the OnEscalate topic must run whenever a customer asks for a person (P1); remove its condition');
  }
  const outcome = escalationOutcome(topic, byId);
  if (outcome.kind === 'reaches') return;
  const where = outcome.topic === topic ? '' : ` (in topic "${outcome.topic.id}", which it begins)`;
  report(
    'blocks-escalation',
    topic,
    outcome.topic === topic ? outcome.at : [...triggerPath, 'kind'],
    `a customer who asked for a person would not reach one (P1): one path ${outcome.why}${where} before any TransferToAgent or TakeMessageOrCallback. Every path of the OnEscalate topic must reach one of them; to choose between them, use a ConditionGroup with elseActions`,
  );
}
