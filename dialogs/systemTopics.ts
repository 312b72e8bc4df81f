/**
 * The admin's topics for the moments the bot's own behaviour is made of (step 6): the greeting, what
 * follows an answer, no answer, a request for a person, yes or no at the resolution check, the end of
 * an agent's chat. The main dialog asks for the topic of a moment and runs it in place of the
 * built-in step; without one (no flows published, or the topic's condition is false now) the
 * built-in step runs, so a bot without flows behaves as before. The FAQ dialog asks the same
 * object whether an admin's topic may start now (published, its trigger's condition true).
 */
import type { TurnContext } from 'botbuilder';
import type { SupportedLocale } from '../locale/locale';

/** The moments a system topic can take over (OnError is started by the flow dialog itself). */
export type SystemMoment = 'OnConversationStart' | 'OnUnknownIntent' | 'OnAnswered' | 'OnEscalate' | 'OnResolved' | 'OnNotResolved' | 'OnAgentEnded';

/** Finds the published topic for a moment. */
export interface SystemTopics {
  /** The id of the topic to run for `moment` now, or undefined to run the built-in step. */
  find(context: TurnContext, moment: SystemMoment, locale: SupportedLocale): Promise<string | undefined>;
  /** Whether an admin's topic (OnRecognizedIntent) may start now: it is published and its trigger's condition holds. */
  applies(context: TurnContext, topicId: string, locale: SupportedLocale): Promise<boolean>;
}
