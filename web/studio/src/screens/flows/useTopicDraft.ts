/**
 * One topic's draft in the Flows screen: loads it, keeps the text being edited, and saves it on its
 * own ~800 ms after the last change (one save at a time, If-Match with the eTag of the last answer).
 * A 409 stops saving until the person reloads: someone else changed the draft meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignedIn } from '../../api';
import { discardTopicDraft, readTopicDraft, saveTopicDraft } from './flowsApi';
import type { TopicDraft, TopicProblem } from './flowsApi';

/** How long after the last change the draft is saved. */
export const autosaveDelayMs = 800;

/** Where the draft stands. */
export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed' | 'conflict';

/** The validator's answer for the text last saved. */
export interface SavedProblems {
  readonly problems: readonly TopicProblem[];
  readonly otherProblems: number;
}

/** The draft of `topicId` and what can be done with it. */
export function useTopicDraft(topicId: string, session: SignedIn, editable: boolean) {
  const [loaded, setLoaded] = useState<TopicDraft | 'not-found' | 'failed' | undefined>();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [problems, setProblems] = useState<SavedProblems>({ problems: [], otherProblems: 0 });
  const eTag = useRef<string | null>(null);
  const saved = useRef('');
  const latest = useRef('');
  const busy = useRef(false);
  const conflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    const draft = await readTopicDraft(topicId);
    if (draft === undefined || draft === 'not-found') return setLoaded(draft ?? 'failed');
    const now = draft.yaml ?? draft.published ?? '';
    eTag.current = draft.eTag;
    saved.current = now;
    latest.current = now;
    conflict.current = false;
    setText(now);
    setProblems({ problems: draft.problems, otherProblems: draft.otherProblems });
    setStatus('saved');
    setLoaded(draft);
  }, [topicId]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = useCallback(async (): Promise<void> => {
    if (busy.current || conflict.current) return;
    const sending = latest.current;
    if (sending === saved.current) return setStatus('saved');
    busy.current = true;
    setStatus('saving');
    const answer = await saveTopicDraft(session, topicId, sending, eTag.current);
    busy.current = false;
    if (answer.kind === 'conflict') {
      conflict.current = true;
      return setStatus('conflict');
    }
    if (answer.kind === 'failed') return setStatus('failed');
    eTag.current = answer.eTag;
    saved.current = sending;
    setProblems({ problems: answer.problems, otherProblems: answer.otherProblems });
    // Typed on while it was saving: save that too.
    if (latest.current !== sending) return save();
    setStatus('saved');
  }, [session, topicId]);

  const change = useCallback(
    (next: string) => {
      latest.current = next;
      setText(next);
      if (!editable || conflict.current) return;
      clearTimeout(timer.current);
      if (next === saved.current && !busy.current) return setStatus('saved');
      setStatus('unsaved');
      timer.current = setTimeout(() => void save(), autosaveDelayMs);
    },
    [editable, save],
  );

  // Leaving the topic with a change not yet saved: send it anyway.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (editable && !conflict.current && latest.current !== saved.current) void saveTopicDraft(session, topicId, latest.current, eTag.current, { keepalive: true });
    },
    [editable, session, topicId],
  );

  const discard = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    const answer = await discardTopicDraft(session, topicId, eTag.current);
    if (answer.kind === 'conflict') {
      conflict.current = true;
      setStatus('conflict');
      return false;
    }
    if (answer.kind === 'failed') return false;
    await load();
    return true;
  }, [session, topicId, load]);

  return { loaded, text, change, status, problems, reload: load, discard };
}
