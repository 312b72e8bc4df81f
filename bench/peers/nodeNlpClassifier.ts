/**
 * node-nlp 4 (nlp.js) as a benchmark peer: its NlpManager with default NLU settings, one document
 * per example, `process` for each query.
 */
import { NlpManager } from 'node-nlp';
import type { KnowledgeLocale } from '../../knowledge/knowledgeBase';
import type { Example } from '../datasets';
import { defaultTop } from '../faq/benchClassifier';
import type { BenchClassifier, Prediction } from '../faq/benchClassifier';

/** nlp.js's own "nothing matched" intent; not a label of any data set. */
const noneIntent = 'None';

/** NlpManager answers `None` below this score unless configured otherwise (nlp.js `threshold`). */
const nlpJsDefaultThreshold = 0.5;

/**
 * Wraps NlpManager. Its `None` class is dropped from the ranking, so a query it would call `None`
 * keeps its best real label with that label's (low) score: the threshold decides, as for the other
 * systems. Sentiment is turned off because no row uses it and it only costs time.
 */
export class NodeNlpClassifier implements BenchClassifier {
  readonly name = 'node-nlp';
  private manager: NlpManager | undefined;
  private language = 'en';

  async train(examples: readonly Example[], locale: KnowledgeLocale): Promise<void> {
    this.language = locale === 'zh-CN' ? 'zh' : 'en';
    const manager = new NlpManager({ languages: [this.language], autoSave: false, autoLoad: false, calculateSentiment: false, nlu: { log: false } });
    for (const e of examples) manager.addDocument(this.language, e.text, e.label);
    await manager.train();
    this.manager = manager;
  }

  shippedThreshold(): number {
    return nlpJsDefaultThreshold;
  }

  async predict(text: string, top = defaultTop): Promise<Prediction[]> {
    if (!this.manager) throw new Error('NodeNlpClassifier.predict called before train');
    const result = await this.manager.process(this.language, text);
    return (result.classifications ?? [])
      .filter((c) => c.intent !== noneIntent && c.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, top)
      .map((c) => ({ label: c.intent, confidence: c.score }));
  }
}
