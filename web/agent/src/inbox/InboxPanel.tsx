/** The inbox column: waiting customers of my queues, tickets, and my ended conversations, as three keyboard-reachable tabs. */
import { useState } from 'react';
import type { SignedIn } from '../../../shared/session';
import { agentApi } from '../agentApi';
import type { WaitingItem } from '../agentApi';
import { labelOf, strings } from '../strings';
import type { Language } from '../strings';
import type { Desk } from '../useDesk';
import { useNow } from '../useNow';
import { inboxStrings } from './inboxStrings';
import { TicketItem } from './TicketItem';
import { Tabs } from '../Tabs';

/** Props shared by the workspace's panels. */
export interface PanelProps {
  readonly language: Language;
  readonly session: SignedIn;
  readonly desk: Desk;
  readonly onProblem: (code: string, message?: string) => void;
}

export function InboxPanel({ language, session, desk, onProblem }: PanelProps) {
  const words = inboxStrings[language];
  const [section, setSection] = useState('waiting');
  const inbox = desk.inbox?.inbox;
  const tickets = inbox?.tickets ?? [];
  return (
    <section className="inbox" aria-label={words.inbox}>
      <Tabs
        label={words.sections}
        selected={section}
        onSelect={setSection}
        tabs={[
          { id: 'waiting', label: words.waitingTab(inbox?.waiting.length ?? 0) },
          { id: 'tickets', label: words.ticketsTab(tickets.filter((t) => t.status !== 'done').length) },
          { id: 'history', label: words.historyTab },
        ]}
      />
      <div className="inbox-body" role="tabpanel">
        {section === 'waiting' && <WaitingList language={language} items={inbox?.waiting ?? []} fetchedAt={desk.inbox?.at ?? Date.now()} onAccept={accept} />}
        {section === 'tickets' &&
          (tickets.length === 0 ? <p className="empty">{words.noTickets}</p> : <ul className="items">{tickets.map((t) => <TicketItem key={t.id} language={language} session={session} ticket={t} agentId={desk.me.agent.id} onChanged={() => void desk.refreshInbox()} onProblem={onProblem} />)}</ul>)}
        {section === 'history' && <HistoryList language={language} desk={desk} />}
      </div>
    </section>
  );

  async function accept(handoffId: string): Promise<void> {
    const got = await agentApi.accept(session, handoffId);
    if (!got.ok) {
      onProblem(got.code, got.message);
      return void desk.refreshInbox();
    }
    await desk.loadConversation(handoffId);
    desk.setActive(handoffId);
    await desk.refreshInbox();
    // The agent goes on typing to the customer they just took.
    setTimeout(() => document.querySelector<HTMLElement>('[data-testid="composer"]')?.focus(), 0);
  }
}

function WaitingList({ language, items, fetchedAt, onAccept }: { language: Language; items: readonly WaitingItem[]; fetchedAt: number; onAccept: (id: string) => Promise<void> }) {
  const words = inboxStrings[language];
  const shell = strings[language];
  const now = useNow();
  if (items.length === 0) return <p className="empty">{words.noneWaiting}</p>;
  return (
    <ul className="items">
      {items.map((w) => {
        const name = w.customer.name ?? shell.aCustomer;
        const waited = Math.max(0, Math.round(w.waitingSeconds + (now - fetchedAt) / 1000));
        return (
          <li key={w.handoffId} className={`item waiting${w.forMe ? ' for-me' : ''}`} data-testid="queue-item">
            <div className="item-head">
              <span className="position">{words.position(w.position)}</span>
              <strong>{name}</strong>
              <span className="wait">{words.waiting(shell.waitFor(waited))}</span>
            </div>
            <p className="summary-line">{w.summaryLine}</p>
            <p className="meta">
              {w.queue.name ?? w.queue.id} · {labelOf(shell.languageNames, w.locale)} · {labelOf(shell.reasonNames, w.reason)}
              {w.tier && <> · {words.tier(w.tier)}</>}
              {w.forMe && <> · {words.forMe}</>}
            </p>
            <button type="button" data-testid="accept" aria-label={words.acceptWho(name)} onClick={() => void onAccept(w.handoffId)}>
              {words.accept}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function HistoryList({ language, desk }: { language: Language; desk: Desk }) {
  const words = inboxStrings[language];
  const shell = strings[language];
  if (desk.history.length === 0) return <p className="empty">{words.noHistory}</p>;
  return (
    <ul className="items">
      {desk.history.map((h) => (
        <li key={h.handoffId} className="item" data-testid="history-item">
          <div className="item-head">
            <strong>{h.customer.name ?? shell.aCustomer}</strong>
            <span className="wait">{words.endedAt(new Date(h.endedAt).toLocaleString(language))}</span>
          </div>
          <p className="meta">
            {labelOf(shell.outcomeNames, h.outcome)} · {h.rating ? words.rated(h.rating.resolved, h.rating.csat) : words.notRated}
          </p>
          {h.note && <p className="summary-line">{h.note}</p>}
        </li>
      ))}
    </ul>
  );
}
