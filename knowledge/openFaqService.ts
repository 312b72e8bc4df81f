/**
 * A {@link FaqService} over a knowledge file or folder as an admin left it: every base in it, the
 * matcher Warmline ships (self-calibrated per base), and the thresholds its settings.yaml sets.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { FaqMatcher } from './faqMatcher';
import { FaqService } from './faqService';
import { loadKnowledge } from './knowledgeLoader';
import { loadKnowledgeSettings } from './knowledgeSettings';

/** Opens the FAQ engine on a knowledge file or folder; throws a coded error naming what is wrong. */
export function openFaqService(knowledgePath: string): FaqService {
  const bases = loadKnowledge(knowledgePath);
  const dir = statSync(knowledgePath).isDirectory() ? knowledgePath : path.dirname(knowledgePath);
  return new FaqService(bases.values(), { buildMatcher: (kb) => FaqMatcher.build(kb), thresholds: loadKnowledgeSettings(dir) });
}
