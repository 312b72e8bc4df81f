/** One ticket (a message left or a callback booked): claim it, reply to the customer, close it with an outcome. */
import { useId, useState } from 'react';
import type { SignedIn } from '../../../shared/session';
import { agentApi, outcomes } from '../agentApi';
import type { Outcomes, Ticket } from '../agentApi';
import { labelOf, strings } from '../strings';
import type { Language } from '../strings';
import { inboxStrings } from './inboxStrings';

export interface TicketItemProps {
  readonly language: Language;
  readonly session: SignedIn;
  readonly ticket: Ticket;
  /** The signed-in agent's id: they answer and close what they claimed. */
  readonly agentId: string;
  readonly onChanged: () => void;
  readonly onProblem: (code: string, message?: string) => void;
}

export function TicketItem({ language, session, ticket, agentId, onChanged, onProblem }: TicketItemProps) {
  const words = inboxStrings[language];
  const shell = strings[language];
  const [reply, setReply] = useState('');
  const [delivered, setDelivered] = useState<string>();
  const [outcome, setOutcome] = useState<Outcomes>('resolved');
  const [note, setNote] = useState('');
  const ids = { reply: useId(), outcome: useId(), note: useId() };
  const mine = ticket.status === 'claimed' && ticket.claimedBy === agentId;
  const when = (iso: string) => new Date(iso).toLocaleString(language);

  async function run<T>(done: Promise<{ ok: true; value: T } | { ok: false; code: string; message?: string }>, then?: (value: T) => void): Promise<void> {
    const got = await done;
    if (!got.ok) onProblem(got.code, got.message);
    else then?.(got.value);
    onChanged();
  }

  return (
    <li className={`item ticket ${ticket.status}`} data-testid="ticket-item">
      <div className="item-head">
        <span className="kind">{labelOf(words.ticketKinds, ticket.kind)}</span>
        <strong>{ticket.customer.name ?? shell.aCustomer}</strong>
        <span className="wait">{when(ticket.createdAt)}</span>
      </div>
      {ticket.summaryLine && <p className="summary-line">{ticket.summaryLine}</p>}
      {ticket.message && <p className="message">{ticket.message}</p>}
      <p className="meta">
        {ticket.queue.name ?? ticket.queue.id} · {labelOf(shell.languageNames, ticket.locale)}
        {ticket.callbackAt && <> · {words.callbackAt(when(ticket.callbackAt))}</>}
        {ticket.phone && <> · {words.phone(ticket.phone)}</>}
        {ticket.claimedBy && <> · {words.claimedBy(ticket.claimedBy)}</>}
        {ticket.outcome && <> · {labelOf(shell.outcomeNames, ticket.outcome)}</>}
      </p>
      {ticket.replies && ticket.replies.length > 0 && (
        <ul className="replies">
          {ticket.replies.map((r, i) => (
            <li key={i}>
              <span className="meta">
                {r.agentId} · {when(r.at)} · {r.delivered === 'conversation' ? words.deliveredConversation : words.deliveredCallback}
              </span>
              <p className="message">{r.text}</p>
            </li>
          ))}
        </ul>
      )}
      {ticket.status === 'open' && (
        <button type="button" onClick={() => void run(agentApi.claimTicket(session, ticket.id))}>
          {words.claim}
        </button>
      )}
      {mine && (
        <>
          <form
            className="ticket-reply"
            onSubmit={(e) => {
              e.preventDefault();
              if (reply.trim()) void run(agentApi.replyTicket(session, ticket.id, reply.trim()), (v) => {
                setReply('');
                setDelivered(v.delivered === 'conversation' ? words.deliveredConversation : words.deliveredCallback);
              });
            }}
          >
            <label htmlFor={ids.reply}>{words.replyLabel}</label>
            <textarea id={ids.reply} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />
            <button type="submit">{words.sendReply}</button>
            {delivered && <p role="status">{delivered}</p>}
          </form>
          <form
            className="ticket-close"
            onSubmit={(e) => {
              e.preventDefault();
              void run(agentApi.closeTicket(session, ticket.id, outcome, note.trim()));
            }}
          >
            <label htmlFor={ids.outcome}>{words.outcome}</label>
            <select id={ids.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcomes)}>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {labelOf(shell.outcomeNames, o)}
                </option>
              ))}
            </select>
            <label htmlFor={ids.note}>{words.closeNote}</label>
            <input id={ids.note} value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="submit">{words.closeTicket}</button>
          </form>
        </>
      )}
    </li>
  );
}
