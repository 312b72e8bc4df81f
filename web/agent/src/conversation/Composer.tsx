/** The agent's message box: Enter sends, Shift+Enter starts a new line, typing is signalled to the customer (at most every 3 s), quick replies fill it. */
import { useEffect, useId, useRef, useState } from 'react';
import type { SignedIn } from '../../../shared/session';
import { agentApi } from '../agentApi';
import type { ConversationLine, QuickReply } from '../agentApi';
import type { Language } from '../strings';
import { fillQuickReply } from '../../../../handoff/quickReplies';
import type { QuickReplyValues } from '../../../../handoff/quickReplies';
import type { SupportedLocale } from '../../../../locale/locale';
import { conversationStrings } from './conversationStrings';

/** How often, at most, the customer is told the agent is typing. */
export const typingEveryMs = 3000;

export interface ComposerProps {
  readonly language: Language;
  readonly session: SignedIn;
  readonly handoffId: string;
  /** What the quick replies' variables become in this conversation, and in which language their fallbacks are. */
  readonly values: QuickReplyValues;
  readonly locale: SupportedLocale;
  readonly onSent: (line: ConversationLine) => void;
  readonly onProblem: (code: string, message?: string) => void;
}

export function Composer({ language, session, handoffId, values, locale, onSent, onProblem }: ComposerProps) {
  const words = conversationStrings[language];
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [replies, setReplies] = useState<readonly QuickReply[]>([]);
  const lastTyping = useRef(0);
  const ids = { text: useId(), hint: useId(), quick: useId() };
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void agentApi.quickReplies(session).then(setReplies);
  }, [session, language]);

  function typed(value: string): void {
    setText(value);
    if (value.trim() && Date.now() - lastTyping.current >= typingEveryMs) {
      lastTyping.current = Date.now();
      void agentApi.typing(session, handoffId);
    }
  }

  async function send(): Promise<void> {
    const message = text.trim();
    if (!message || sending) return;
    setSending(true);
    const got = await agentApi.send(session, handoffId, message, crypto.randomUUID());
    setSending(false);
    if (!got.ok) return onProblem(got.code, got.message);
    setText('');
    lastTyping.current = 0;
    onSent(got.value.line);
    box.current?.focus();
  }

  return (
    <form
      className="composer-row"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {replies.length > 0 && (
        <>
          <label htmlFor={ids.quick} className="visually-hidden">
            {words.quickReplies}
          </label>
          <select
            id={ids.quick}
            data-testid="quick-replies"
            value=""
            onChange={(e) => {
              const chosen = replies.find((r) => r.id === e.target.value);
              if (chosen) typed(fillQuickReply(chosen.text, values, locale));
              box.current?.focus();
            }}
          >
            <option value="">{words.chooseQuickReply}</option>
            {replies.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.text} className="visually-hidden">
        {words.composer}
      </label>
      <textarea
        id={ids.text}
        ref={box}
        data-testid="composer"
        rows={2}
        placeholder={words.composer}
        aria-describedby={ids.hint}
        value={text}
        onChange={(e) => typed(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" data-testid="send" disabled={sending || !text.trim()}>
        {words.send}
      </button>
      <span id={ids.hint} className="visually-hidden">
        {words.composerHint}
      </span>
    </form>
  );
}
