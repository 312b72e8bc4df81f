/**
 * The workspace's live state: the inbox, the open conversations (with unread counts, "customer left"
 * and typing), the agent's presence and history, supervisors' consult requests. Filled from the API,
 * kept current by the live events, and refetched whole on every (re)connection; lines and notes are
 * merged by id so nothing is lost or shown twice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignedIn } from '../../shared/session';
import { agentApi } from './agentApi';
import type { Conversation, ConversationLine, HistoryItem, Inbox, Me, Note, Presence } from './agentApi';
import { mergeLines, mergeNotes } from './conversation/conversationLines';
import { useLiveEvents } from './liveEvents';
import type { LiveEventType } from './liveEvents';

/** An open conversation as the page holds it. */
export interface OpenConversation {
  readonly data: Conversation;
  readonly lines: readonly ConversationLine[];
  readonly notes: readonly Note[];
  readonly unread: number;
  readonly left: boolean;
  /** Until when (ms since epoch) the customer shows as typing. */
  readonly typingUntil: number;
}

/** A supervisor's consult request. */
export interface ConsultRequest {
  readonly handoffId: string;
  readonly from: string;
  readonly text: string;
}

/** What the page is told to bring to the agent's attention. */
export type Attention = { readonly kind: 'waiting'; readonly name?: string; readonly queue: string } | { readonly kind: 'message'; readonly name?: string; readonly handoffId: string } | { readonly kind: 'consult'; readonly from: string };

/** The desk's state and what the page may do with it. */
export function useDesk(session: SignedIn, me: Me, attention: (what: Attention) => void) {
  const [inbox, setInbox] = useState<{ readonly inbox: Inbox; readonly at: number }>();
  const [open, setOpen] = useState<Readonly<Record<string, OpenConversation>>>({});
  const [active, setActive] = useState<string>();
  const [presence, setPresence] = useState<Presence>(me.presence);
  const [history, setHistory] = useState<readonly HistoryItem[]>([]);
  const [consults, setConsults] = useState<readonly ConsultRequest[]>([]);
  const [presenceTick, setPresenceTick] = useState(0);
  const seenWaiting = useRef<Set<string> | undefined>(undefined);
  const activeRef = useRef(active);
  activeRef.current = active;
  const inboxRef = useRef(inbox);
  inboxRef.current = inbox;
  const openRef = useRef(open);
  openRef.current = open;

  const loadConversation = useCallback(
    async (handoffId: string) => {
      const got = await agentApi.conversation(session, handoffId);
      if (!got.ok) return;
      const data = got.value;
      setOpen((all) => {
        const known = all[handoffId];
        return {
          ...all,
          [handoffId]: {
            data,
            lines: mergeLines(known?.lines ?? [], data.transcript),
            notes: mergeNotes(known?.notes ?? [], data.notes),
            unread: known?.unread ?? 0,
            left: !data.session.customerPresent,
            typingUntil: known?.typingUntil ?? 0,
          },
        };
      });
    },
    [session],
  );

  const refreshPresence = useCallback(async () => {
    const got = await agentApi.me(session);
    if (got.ok) setPresence(got.value.presence);
  }, [session]);

  const refreshInbox = useCallback(async () => {
    const got = await agentApi.inbox(session);
    if (!got.ok) return;
    const fresh = got.value;
    const seen = seenWaiting.current;
    for (const w of fresh.waiting) if (seen && !seen.has(w.handoffId)) attention({ kind: 'waiting', ...(w.customer.name ? { name: w.customer.name } : {}), queue: w.queue.name ?? w.queue.id });
    seenWaiting.current = new Set(fresh.waiting.map((w) => w.handoffId));
    setInbox({ inbox: fresh, at: Date.now() });
    if (seen && fresh.sessions.length !== inboxRef.current?.inbox.sessions.length) void refreshPresence();
    const sessionIds = new Set(fresh.sessions.map((s) => s.handoffId));
    setOpen((all) => Object.fromEntries(Object.entries(all).filter(([id]) => sessionIds.has(id))));
    for (const s of fresh.sessions) if (!openRef.current[s.handoffId]) void loadConversation(s.handoffId);
    setActive((current) => (current && sessionIds.has(current) ? current : fresh.sessions[0]?.handoffId));
  }, [session, attention, loadConversation, refreshPresence]);

  const refreshHistory = useCallback(async () => {
    const got = await agentApi.history(session);
    if (got) setHistory(got);
  }, [session]);

  const change = (handoffId: string, edit: (c: OpenConversation) => OpenConversation) =>
    setOpen((all) => {
      const known = all[handoffId];
      return known ? { ...all, [handoffId]: edit(known) } : all;
    });

  const onEvent = (type: LiveEventType, data: Record<string, unknown>) => {
    const handoffId = typeof data.handoffId === 'string' ? data.handoffId : undefined;
    if (type === 'inbox') void refreshInbox();
    else if (type === 'message' && handoffId) {
      const line = data.line as ConversationLine | undefined;
      if (!line || typeof line.id !== 'string') return;
      const known = openRef.current[handoffId];
      if (!known) return void loadConversation(handoffId);
      const isNew = !known.lines.some((l) => l.id === line.id);
      const unseen = line.from === 'customer' && isNew && (activeRef.current !== handoffId || document.hidden);
      change(handoffId, (c) => ({ ...c, lines: mergeLines(c.lines, [line]), unread: c.unread + (unseen ? 1 : 0), typingUntil: line.from === 'customer' ? 0 : c.typingUntil }));
      if (unseen) attention({ kind: 'message', handoffId, ...(known.data.session.customer.name ? { name: known.data.session.customer.name } : {}) });
    } else if (type === 'typing' && handoffId && data.from === 'customer') change(handoffId, (c) => ({ ...c, typingUntil: Date.now() + 5000 }));
    else if (type === 'session' && handoffId) {
      if (data.change === 'customer-left' || data.change === 'customer-back') change(handoffId, (c) => ({ ...c, left: data.change === 'customer-left' }));
      if (data.change === 'ended' || data.change === 'rated') void refreshHistory();
      if (data.change !== 'customer-left' && data.change !== 'customer-back' && data.change !== 'rated') void refreshInbox();
    } else if (type === 'note' && handoffId) {
      const note = data.note as Note | undefined;
      if (note && typeof note.text === 'string') change(handoffId, (c) => ({ ...c, notes: mergeNotes(c.notes, [note]) }));
    } else if (type === 'consult' && handoffId && typeof data.text === 'string') {
      const from = typeof data.from === 'string' ? data.from : '';
      setConsults((all) => [...all, { handoffId, from, text: data.text as string }]);
      attention({ kind: 'consult', from });
    } else if (type === 'hello') {
      const p = data.presence as Presence | undefined;
      if (p && typeof p.status === 'string') setPresence(p);
    } else if (type === 'presence') {
      // The event may carry the presence, or only say whose changed: then it is asked for.
      if (data.agentId === me.agent.id) {
        if (typeof data.status === 'string') setPresence({ status: data.status as Presence['status'], load: Number(data.load), capacity: Number(data.capacity) });
        else void refreshPresence();
      }
      setPresenceTick((n) => n + 1);
    }
  };

  // Every (re)connection: what may have been missed is fetched again and merged.
  const onConnected = () => {
    void refreshInbox();
    void refreshHistory();
    for (const id of Object.keys(openRef.current)) void loadConversation(id);
    void refreshPresence();
  };
  const live = useLiveEvents(onEvent, onConnected);

  // The visible tab's messages are read; so are the hidden page's when it comes back.
  useEffect(() => {
    const read = () => {
      const id = activeRef.current;
      if (id && !document.hidden) change(id, (c) => (c.unread === 0 ? c : { ...c, unread: 0 }));
    };
    read();
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [active]);

  return {
    me,
    inbox,
    open,
    active,
    setActive,
    presence,
    setPresence,
    history,
    consults,
    presenceTick,
    live,
    refreshInbox,
    loadConversation,
    /** Adds a line the server returned for what the agent sent. */
    addLine: (handoffId: string, line: ConversationLine) => change(handoffId, (c) => ({ ...c, lines: mergeLines(c.lines, [line]) })),
    addNote: (handoffId: string, note: Note) => change(handoffId, (c) => ({ ...c, notes: mergeNotes(c.notes, [note]) })),
  };
}

/** The desk as {@link useDesk} returns it. */
export type Desk = ReturnType<typeof useDesk>;
