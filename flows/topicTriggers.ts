/**
 * A topic's trigger queries as knowledge entries, so the FAQ matcher ranks topics and answers
 * together and one calibrated score decides between them (a question that fits "where is my order"
 * better than any answer starts that topic). The entries carry the topic id in their metadata.
 */
import type { KnowledgeEntry, KnowledgeLocale } from '../knowledge/knowledgeBase';
import { supportedLocales } from '../locale/locale';
import type { FlowSet } from './flowDefinition';

/** Metadata key of a topic entry (lower case, as knowledge metadata keys are). */
export const flowTopicKey = 'flowtopic';
/** Ids of the knowledge entries made of a topic's trigger queries: `flow:<topic id>`. */
export const flowEntryPrefix = 'flow:';

/** The entries that start the set's `OnRecognizedIntent` topics, per locale. */
export function topicTriggerEntries(flows: FlowSet | undefined): Record<KnowledgeLocale, KnowledgeEntry[]> {
  const entries: Record<KnowledgeLocale, KnowledgeEntry[]> = { 'en-US': [], 'zh-CN': [] };
  for (const topic of flows?.topics ?? []) {
    const queries = topic.trigger.kind === 'OnRecognizedIntent' ? topic.trigger.triggerQueries : undefined;
    if (!queries) continue;
    for (const locale of supportedLocales) {
      const questions = queries[locale].filter((q) => q.trim() !== '');
      if (questions.length === 0) continue;
      entries[locale].push({ id: `${flowEntryPrefix}${topic.id}`, questions, answer: topic.displayName[locale], metadata: { [flowTopicKey]: topic.id }, prompts: [], contextOnly: false });
    }
  }
  return entries;
}
