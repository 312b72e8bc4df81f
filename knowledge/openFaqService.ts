/**
 * A {@link FaqService} over a knowledge file or folder as an admin left it: every base in it, the
 * matcher Warmline ships, and the thresholds of its settings.yaml over the recommended ones.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { FaqMatcher, recommendedThresholds } from './faqMatcher';
import { FaqService } from './faqService';
import { loadKnowledge } from './knowledgeLoader';
import { loadKnowledgeSettings } from './knowledgeSettings';

/** Opens the FAQ engine on a knowledge file or folder; throws a coded error naming what is wrong. */
export function openFaqService(knowledgePath: string): FaqService {
  const bases = loadKnowledge(knowledgePath);
  const dir = statSync(knowledgePath).isDirectory() ? knowledgePath : path.dirname(knowledgePath);
  return new FaqService(bases.values(), { buildMatcher: (kb) => FaqMatcher.build(kb), thresholds: loadKnowledgeSettings(dir, recommendedThresholds) });
}
