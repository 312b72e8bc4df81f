/** The open conversations as tabs (unread badge, "customer left" mark), and the chosen one below. */
import type { SignedIn } from '../../../shared/session';
import type { Me } from '../agentApi';
import type { Language } from '../strings';
import { strings } from '../strings';
import { Tabs } from '../Tabs';
import type { Desk } from '../useDesk';
import { ConversationView } from './ConversationView';
import { conversationStrings } from './conversationStrings';

export interface ConversationsProps {
  readonly language: Language;
  readonly session: SignedIn;
  readonly me: Me;
  readonly desk: Desk;
  readonly onProblem: (code: string, message?: string) => void;
}

export function Conversations({ language, session, me, desk, onProblem }: ConversationsProps) {
  const words = conversationStrings[language];
  const sessions = desk.inbox?.inbox.sessions ?? [];
  const current = desk.active ? desk.open[desk.active] : undefined;
  return (
    <section className="conversations" aria-label={words.tabs}>
      {sessions.length > 0 && (
        <Tabs
          label={words.tabs}
          selected={desk.active}
          onSelect={desk.setActive}
          tabs={sessions.map((s) => {
            const open = desk.open[s.handoffId];
            const left = open ? open.left : !s.customerPresent;
            return {
              id: s.handoffId,
              testId: 'session-tab',
              className: `session-tab${left ? ' left' : ''}`,
              label: (
                <>
                  {s.customer.name ?? strings[language].aCustomer}
                  {s.watching && <span className="mark"> · {words.watching}</span>}
                  {left && <span className="mark left-mark" data-testid="customer-left"> · {words.customerLeft}</span>}
                  {open && open.unread > 0 && (
                    <span className="badge" data-testid="unread" aria-label={words.unread(open.unread)}>
                      {open.unread}
                    </span>
                  )}
                </>
              ),
            };
          })}
        />
      )}
      {current ? (
        <ConversationView key={desk.active} language={language} session={session} me={me} desk={desk} conversation={current} onProblem={onProblem} />
      ) : (
        <p className="empty">{words.noConversation}</p>
      )}
    </section>
  );
}
