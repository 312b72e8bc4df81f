/** A refused call as the knowledge screen shows it: what happened in the chosen language, then the server's details. */
import type { Answer, Problem } from './knowledgeApi';
import type { KnowledgeWords } from './knowledgeStrings';

/** A title in the chosen language and the server's problems. */
export interface Failure {
  readonly title: string;
  readonly problems: readonly Problem[];
}

/** The failure of a refused call, its title chosen by the error's code. */
export function failureOf(words: KnowledgeWords, answer: Extract<Answer<unknown>, { ok: false }>): Failure {
  const titles: Readonly<Record<string, string>> = {
    EntryChanged: words.changedMeanwhile,
    EntryExists: words.entryExists,
    EntryNotFound: words.entryMissing,
    EntryNotEditable: words.notEditable,
    KnowledgeBroken: words.loadProblems,
    InvalidKnowledgeEdit: words.invalidEntry,
    KnowledgeUnreadable: words.fileRefused,
    Forbidden: words.forbidden,
    NotSignedIn: words.signedOut,
  };
  return { title: titles[answer.code] ?? words.failed, problems: answer.problems };
}
