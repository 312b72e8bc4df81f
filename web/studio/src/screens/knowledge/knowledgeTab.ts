/** The props of the knowledge screen's tabs. */
import type { KnowledgeApi, KnowledgeLocale } from './knowledgeApi';
import type { KnowledgeWords } from './knowledgeStrings';

/** What each tab of the knowledge screen is given. */
export interface KnowledgeTabProps {
  readonly api: KnowledgeApi;
  readonly words: KnowledgeWords;
  /** The knowledge language the tab starts in (the studio's language). */
  readonly initialLocale: KnowledgeLocale;
  /** Whether the role may change the draft (editor, admin). */
  readonly mayEdit: boolean;
  /** Tells the screen the draft changed, so it reads the draft's state again. */
  readonly onDraftChanged: () => void;
}
