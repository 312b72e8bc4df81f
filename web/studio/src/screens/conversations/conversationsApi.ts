/** The studio's calls to the conversations API (supervisors and admins; see docs/STUDIO_API.md). */

import type { ConversationListing } from '../../../../../analytics/analyticsStore';

// The server's own types (type-only), so the screen and the API cannot drift apart.
export type { ConversationListing, ConversationOutcome } from '../../../../../analytics/analyticsStore';

/** The outcomes a search can ask for, in the order the screen lists them. */
export const outcomes = ['resolved', 'not-resolved', 'escalated', 'unanswered', 'none'] as const;

/** What a search asks for (dates as YYYY-MM-DD). */
export interface SearchChoice {
  readonly from: string;
  readonly to: string;
  readonly outcome: string;
  readonly topic: string;
  readonly customer: string;
}

/** One opened conversation. */
export interface ConversationDetail {
  readonly conversation: ConversationListing;
  readonly transcript: readonly { readonly at: string; readonly from: 'customer' | 'bot'; readonly name?: string; readonly text: string }[];
  readonly handoffs: readonly {
    readonly id: string;
    readonly state: string;
    readonly reason: string;
    readonly queueId: string;
    readonly createdAt: string;
    readonly agentName?: string;
    readonly summary: { readonly issue: string; readonly topic?: string };
    readonly events: readonly { readonly at: string; readonly from: string; readonly to: string; readonly by: string }[];
  }[];
  readonly offers: readonly { readonly at: string; readonly kind: string; readonly offerId?: string; readonly outcome?: string; readonly reasons?: string }[];
  readonly rating: number | null;
  readonly events: readonly { readonly at: string; readonly kind: string; readonly topic?: string; readonly entryId?: string; readonly detail?: string; readonly value?: number; readonly text?: string }[];
}

type Answer<T> = { ok: true; value: T } | { ok: false; message?: string };

async function getJson<T>(url: string): Promise<Answer<T>> {
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (res.ok) return { ok: true, value: (await res.json()) as T };
    const body = (await res.json().catch(() => undefined)) as { message?: string } | undefined;
    return { ok: false, ...(res.status === 400 && body?.message ? { message: body.message } : {}) };
  } catch {
    return { ok: false };
  }
}

/** Conversations matching a search, newest first. */
export function searchConversations(choice: SearchChoice): Promise<Answer<{ conversations: ConversationListing[] }>> {
  const params = new URLSearchParams({ from: choice.from, to: choice.to });
  for (const name of ['outcome', 'topic', 'customer'] as const) if (choice[name].trim()) params.set(name, choice[name].trim());
  return getJson(`/api/conversations?${params.toString()}`);
}

/** One conversation with its transcript, handoffs, offers and rating. */
export function openConversation(id: string): Promise<Answer<ConversationDetail>> {
  return getJson(`/api/conversations/${encodeURIComponent(id)}`);
}
