/**
 * The Flows screen's calls to the bot's flows API (adapters/studio/flowsRoutes.ts): the topics with
 * the draft's changes, one topic's draft with its problems, saving it (If-Match with the draft's
 * eTag) and discarding it. Same origin; the session is an HttpOnly cookie, changes carry X-CSRF-Token.
 */
import type { SignedIn, TopicSummary } from '../../api';

/** A problem the validator found, as the draft routes give it. */
export interface TopicProblem {
  readonly message: string;
  readonly file?: string;
  readonly path?: string;
  readonly line?: number;
}

/** One changed file of the flows draft. */
export interface DraftChange {
  readonly path: string;
  readonly deleted: boolean;
  readonly updatedBy?: string;
}

/** `GET /api/flows`. */
export interface TopicsAnswer {
  readonly version: string | null;
  readonly topics: readonly TopicSummary[];
  readonly draft: { readonly eTag: string | null; readonly changes: readonly DraftChange[] };
}

/** `GET /api/flows/:topicId/draft`. */
export interface TopicDraft {
  readonly id: string;
  readonly file: string;
  /** The topic's text in the draft (null when the draft deletes it). */
  readonly yaml: string | null;
  /** The published text (null for a topic that is new in the draft). */
  readonly published: string | null;
  readonly eTag: string | null;
  readonly problems: readonly TopicProblem[];
  readonly otherProblems: number;
}

/** What a save answered. */
export type SaveAnswer =
  | { readonly kind: 'saved'; readonly eTag: string | null; readonly problems: readonly TopicProblem[]; readonly otherProblems: number }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'failed'; readonly status: number };

async function json<T>(res: Response): Promise<T | undefined> {
  return res.ok ? ((await res.json().catch(() => undefined)) as T | undefined) : undefined;
}

/** The published topics and the draft's changed files; undefined when they cannot be read. */
export async function readTopics(): Promise<TopicsAnswer | undefined> {
  try {
    return await json<TopicsAnswer>(await fetch('/api/flows', { credentials: 'same-origin' }));
  } catch {
    return undefined;
  }
}

/** One topic as the draft has it; `not-found` when neither the draft nor the published flows have it. */
export async function readTopicDraft(topicId: string): Promise<TopicDraft | 'not-found' | undefined> {
  try {
    const res = await fetch(`/api/flows/${encodeURIComponent(topicId)}/draft`, { credentials: 'same-origin' });
    if (res.status === 404) return 'not-found';
    return await json<TopicDraft>(res);
  } catch {
    return undefined;
  }
}

function changeHeaders(session: SignedIn, eTag: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return { 'X-CSRF-Token': session.csrfToken, ...(eTag ? { 'If-Match': `"${eTag}"` } : {}), ...extra };
}

/** Saves the topic's text in the draft; `conflict` when someone changed the draft since `eTag`. */
export async function saveTopicDraft(session: SignedIn, topicId: string, text: string, eTag: string | null, options: { keepalive?: boolean } = {}): Promise<SaveAnswer> {
  try {
    const res = await fetch(`/api/flows/${encodeURIComponent(topicId)}/draft`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: changeHeaders(session, eTag, { 'Content-Type': 'application/yaml' }),
      body: text,
      ...(options.keepalive ? { keepalive: true } : {}),
    });
    if (res.status === 409) return { kind: 'conflict' };
    const body = await json<{ eTag: string | null; problems: TopicProblem[]; otherProblems?: number }>(res);
    return body ? { kind: 'saved', eTag: body.eTag, problems: body.problems, otherProblems: body.otherProblems ?? 0 } : { kind: 'failed', status: res.status };
  } catch {
    return { kind: 'failed', status: 0 };
  }
}

/** Drops the draft's change to this topic (the published text comes back). */
export async function discardTopicDraft(session: SignedIn, topicId: string, eTag: string | null): Promise<SaveAnswer> {
  try {
    const res = await fetch(`/api/flows/${encodeURIComponent(topicId)}/draft`, { method: 'DELETE', credentials: 'same-origin', headers: changeHeaders(session, eTag) });
    if (res.status === 409) return { kind: 'conflict' };
    const body = await json<{ eTag: string | null }>(res);
    return body ? { kind: 'saved', eTag: body.eTag, problems: [], otherProblems: 0 } : { kind: 'failed', status: res.status };
  } catch {
    return { kind: 'failed', status: 0 };
  }
}

/** Roles that may change drafts (the server refuses the others anyway). */
export function canEdit(session: SignedIn): boolean {
  return session.role === 'editor' || session.role === 'admin';
}
