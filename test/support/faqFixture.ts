/**
 * The test knowledge base (test/fixtures/store: a fictional online store in English and Chinese),
 * loaded through the real loader, and the FAQ service over it with the real matcher.
 */
import path from 'node:path';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import type { KnowledgeBase, KnowledgeLocale } from '../../knowledge/knowledgeBase';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import { FaqService } from '../../knowledge/faqService';
import type { AnswerThresholds } from '../../knowledge/answerPolicy';

/** Folder of the test knowledge base. */
export const fixtureKnowledgeDir = path.join(__dirname, '..', 'fixtures', 'store');

/** The fixture base for a locale. */
export function fixtureBase(locale: KnowledgeLocale): KnowledgeBase {
  const base = loadKnowledge(fixtureKnowledgeDir).get(locale);
  if (!base) throw new Error(`no ${locale} fixture knowledge`);
  return base;
}

/** A FAQ service over both fixture bases; `thresholds` overrides the recommended ones. */
export function fixtureFaqService(thresholds?: AnswerThresholds): FaqService {
  return new FaqService(loadKnowledge(fixtureKnowledgeDir).values(), {
    buildMatcher: (kb) => FaqMatcher.build(kb),
    thresholds: thresholds ? { 'en-US': thresholds, 'zh-CN': thresholds } : undefined,
  });
}
