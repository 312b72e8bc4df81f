/** The studio's calls to the bot's API (same origin; the session is an HttpOnly cookie). */

export { currentSession, signIn, signOut, singleSignOnEnabled, singleSignOnStart } from '../../shared/session';
export type { SignedIn, SignInResult } from '../../shared/session';

/** A published topic, as the flows list shows it. */
export interface TopicSummary {
  readonly id: string;
  readonly displayName: Readonly<Record<'en-US' | 'zh-CN', string>>;
  readonly trigger: string;
  readonly file: string;
}

/** The published topics, or undefined when they cannot be read. */
export async function publishedTopics(): Promise<{ version: string | null; topics: TopicSummary[] } | undefined> {
  try {
    const res = await fetch('/api/flows', { credentials: 'same-origin' });
    return res.ok ? ((await res.json()) as { version: string | null; topics: TopicSummary[] }) : undefined;
  } catch {
    return undefined;
  }
}
