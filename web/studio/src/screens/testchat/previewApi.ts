/** The test chat's calls to `/api/preview` (docs/STUDIO_API.md, "Preview"). */
import type { FlowTestResults } from '../../../../../app/previewFlowTests';
import type { SignedIn } from '../../api';

/** A Bot Framework activity as the test chat passes it on to Web Chat. */
export type ChatActivity = Record<string, unknown> & { readonly id?: string; readonly type: string };

/** What fired in one turn (app/previewTrace.ts on the server). */
export interface TurnTrace {
  readonly turn: number;
  readonly at: string;
  readonly input: { readonly type: string; readonly text?: string; readonly name?: string };
  readonly guard?: string | null;
  readonly topics: readonly string[];
  readonly actions: readonly { readonly topicId: string; readonly actionId: string; readonly kind: string }[];
  readonly faq: readonly FaqTrace[];
  readonly escalation: readonly { readonly decision: { readonly escalate: boolean; readonly mode?: string; readonly reason?: string } }[];
  readonly interruptions: readonly { readonly kind: string; readonly topicId?: string }[];
  readonly ended: readonly { readonly topicId: string; readonly outcome: string; readonly variables: Record<string, unknown> }[];
  readonly problems: readonly string[];
  readonly variables: {
    readonly topics: readonly { readonly topicId: string; readonly variables: Record<string, unknown>; readonly waitingFor?: string }[];
    readonly conversation: Record<string, unknown>;
    readonly user: Record<string, unknown>;
    readonly bot: Record<string, unknown>;
  };
}

/** The FAQ's part of a turn: its candidates with their scores and what the answer policy decided. */
export interface FaqTrace {
  readonly query: string;
  readonly decision: string;
  readonly entryId?: string;
  readonly candidates: readonly { readonly entryId: string; readonly question: string; readonly confidence: number }[];
  readonly thresholds?: { readonly answer: number; readonly margin: number; readonly suggest: number };
}

/** One turn's answer. */
export interface PreviewTurn {
  readonly conversationId: string;
  readonly activity: ChatActivity;
  readonly replies: readonly ChatActivity[];
  readonly trace: TurnTrace;
  readonly drafted: readonly string[];
}

/** A draft problem that keeps the test chat from running. */
export interface PreviewProblem {
  readonly kind: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

/** A refused request: its code and message, and the drafts' problems when they do not load. */
export class PreviewError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly PreviewProblem[] = [],
  ) {
    super(message);
  }
}

// The flow tests' results, as the server words them (type only: nothing of the server is bundled).
export type { FlowTestResult, FlowTestResults } from '../../../../../app/previewFlowTests';

async function post<T>(session: SignedIn, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': session.csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await res.json().catch(() => ({}))) as { code?: string; message?: string; problems?: PreviewProblem[] };
  if (!res.ok) throw new PreviewError(res.status, answer.code ?? 'Failed', answer.message ?? res.statusText, answer.problems ?? []);
  return answer as T;
}

/** Starts a test conversation; the bot's greeting comes back with it. */
export function startPreview(session: SignedIn, locale: string): Promise<PreviewTurn> {
  return post(session, '/api/preview/conversations', { locale });
}

/** Sends the customer's message or event; the bot's replies and what fired come back. */
export function sendPreview(session: SignedIn, conversationId: string, activity: Record<string, unknown>): Promise<PreviewTurn> {
  return post(session, `/api/preview/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
}

/** Ends a test conversation (its store goes with it); failures do not matter. */
export function endPreview(session: SignedIn, conversationId: string): void {
  void fetch(`/api/preview/conversations/${encodeURIComponent(conversationId)}`, { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': session.csrfToken } }).catch(() => undefined);
}

/** Runs the flow tests of the flows draft. */
export function runFlowTests(session: SignedIn): Promise<FlowTestResults> {
  return post(session, '/api/preview/flow-tests');
}
