/**
 * The part of node-nlp 4 (nlp.js) the benchmark uses; the package ships no type declarations.
 */
declare module 'node-nlp' {
  /** One intent score from the neural classifier. */
  export interface NlpClassification {
    intent: string;
    score: number;
  }

  /** What `process` resolves to (only the fields the benchmark reads). */
  export interface NlpProcessResult {
    intent: string;
    score: number;
    classifications?: NlpClassification[];
  }

  /** Settings accepted by the constructor (only the ones the benchmark sets). */
  export interface NlpManagerSettings {
    languages?: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    forceNER?: boolean;
    calculateSentiment?: boolean;
    nlu?: { log?: boolean };
  }

  /** nlp.js's all-in-one manager: NLU classifier, NER, sentiment, answers. */
  export class NlpManager {
    constructor(settings?: NlpManagerSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
  }
}
