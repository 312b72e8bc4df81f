import type { Language } from '../../strings';
import { problemText, usersStrings } from './usersStrings';

/** The words of the Accounts screen in one language. */
export type UsersWords = (typeof usersStrings)[Language];

/** What was done (worded when shown, so it follows a change of language), or the code of why not. */
export type Notice = { readonly kind: 'done'; readonly say: (words: UsersWords, language: Language) => string } | { readonly kind: 'problem'; readonly code: string } | undefined;

/** The line under a panel that says what was done (a status) or what went wrong (an alert). */
export function NoticeLine({ notice, language }: { notice: Notice; language: Language }) {
  if (notice?.kind === 'problem') {
    return (
      <p className="problem" role="alert">
        {problemText(language, notice.code)}
      </p>
    );
  }
  return (
    <p className="accounts-done" role="status">
      {notice?.say(usersStrings[language], language)}
    </p>
  );
}
