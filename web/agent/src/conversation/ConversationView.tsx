/** One conversation: the live transcript, the customer's typing, the composer, notes and the actions (transfer, consult, end), with the summary beside. */
import { useEffect, useId, useRef, useState } from 'react';
import type { SignedIn } from '../../../shared/session';
import { quickReplyValuesOf } from '../../../../handoff/quickReplies';
import { agentApi } from '../agentApi';
import type { Me } from '../agentApi';
import type { Language } from '../strings';
import type { Desk, OpenConversation } from '../useDesk';
import { MarkdownText } from '../../../shared/MarkdownText';
import { useNow } from '../useNow';
import { Composer } from './Composer';
import { conversationStrings } from './conversationStrings';
import { ActionDialog } from './ActionDialogs';
import type { ActionKind } from './ActionDialogs';
import { SummaryPanel } from './SummaryPanel';

export interface ConversationViewProps {
  readonly language: Language;
  readonly session: SignedIn;
  readonly me: Me;
  readonly desk: Desk;
  readonly conversation: OpenConversation;
  readonly onProblem: (code: string, message?: string) => void;
}

export function ConversationView({ language, session, me, desk, conversation, onProblem }: ConversationViewProps) {
  const words = conversationStrings[language];
  const handoffId = conversation.data.session.handoffId;
  const customerName = conversation.data.session.customer.name ?? words.theCustomer;
  const [dialog, setDialog] = useState<ActionKind>();
  const [note, setNote] = useState('');
  const noteId = useId();
  const now = useNow(1000);
  const log = useRef<HTMLOListElement>(null);
  const watching = conversation.data.session.watching;

  // Keep the newest line in view as lines arrive.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversation.lines.length]);

  async function addNote(): Promise<void> {
    const text = note.trim();
    if (!text) return;
    const got = await agentApi.note(session, handoffId, text);
    if (!got.ok) return onProblem(got.code, got.message);
    setNote('');
    desk.addNote(handoffId, got.value);
  }

  return (
    <div className="conversation">
      <div className="talk">
        <ol className="transcript" data-testid="transcript" role="log" aria-label={words.transcript} aria-live="polite" ref={log} tabIndex={0}>
          {conversation.lines.map((line) => (
            <li key={line.id} className={`line from-${line.from}`}>
              <span className="speaker">{line.from === 'customer' ? customerName : line.from === 'bot' ? words.bot : (line.name ?? me.agent.displayName)}</span>
              <span className="time">{new Date(line.at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })}</span>
              {line.from === 'bot' ? (
                // The bot's own messages are Markdown, shown as the customer saw them; people's words stay plain text.
                <MarkdownText text={line.text} className="text markdown" />
              ) : (
                <p className="text">{line.text}</p>
              )}
            </li>
          ))}
        </ol>
        {conversation.left && (
          <p className="left-notice" role="status">
            {words.leftNotice}
          </p>
        )}
        <p className="typing" aria-live="polite" data-testid="typing">
          {conversation.typingUntil > now ? words.typing(customerName) : ''}
        </p>
        {!watching && (
          <Composer
            language={language}
            session={session}
            handoffId={handoffId}
            values={quickReplyValuesOf({ ...(conversation.data.summary ? { summary: conversation.data.summary } : {}), agentName: me.agent.displayName, queueName: conversation.data.session.queue.name ?? '' })}
            locale={me.agent.locale === 'zh-CN' ? 'zh-CN' : 'en-US'}
            onSent={(line) => desk.addLine(handoffId, line)}
            onProblem={onProblem}
          />
        )}
        <div className="note-row">
          <label htmlFor={noteId}>{words.noteLabel}</label>
          <textarea
            id={noteId}
            data-testid="note"
            rows={1}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void addNote();
              }
            }}
          />
          <button type="button" onClick={() => void addNote()}>
            {words.addNote}
          </button>
        </div>
        {!watching && (
          <div className="actions">
            <button type="button" data-testid="transfer" onClick={() => setDialog('transfer')}>
              {words.transfer}
            </button>
            <button type="button" data-testid="consult" onClick={() => setDialog('consult')}>
              {words.consult}
            </button>
            <button type="button" className="end" data-testid="end" onClick={() => setDialog('end')}>
              {words.end}
            </button>
          </div>
        )}
      </div>
      <SummaryPanel language={language} conversation={conversation} customerName={customerName} />
      {dialog && (
        <ActionDialog
          kind={dialog}
          language={language}
          session={session}
          handoffId={handoffId}
          onDone={() => {
            setDialog(undefined);
            void desk.refreshInbox();
          }}
          onClose={() => setDialog(undefined)}
          onProblem={onProblem}
        />
      )}
    </div>
  );
}
