import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ScreenProps } from '../../screens';
import type { Language } from '../../strings';
import { lastWeek } from '../analytics/analyticsApi';
import { openConversation, outcomes, searchConversations } from './conversationsApi';
import type { ConversationDetail, ConversationListing, SearchChoice } from './conversationsApi';
import { conversationsStrings } from './conversationsStrings';
import './conversations.css';

type Found = { kind: 'loading' } | { kind: 'failed'; message?: string } | { kind: 'ready'; conversations: ConversationListing[] };

/** When something happened, in the chosen language (UTC, as the analytics days are). */
export function timeText(language: Language, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** Search conversations by date, outcome, topic and customer; open one with its transcript, handoffs, offers and rating. */
export function ConversationsScreen({ language }: ScreenProps) {
  const words = conversationsStrings[language];
  const week = lastWeek();
  const [choice, setChoice] = useState<SearchChoice>({ from: week.from, to: week.to, outcome: '', topic: '', customer: '' });
  const [asked, setAsked] = useState<SearchChoice>(choice);
  const [found, setFound] = useState<Found>({ kind: 'loading' });
  const [opened, setOpened] = useState<ConversationDetail | 'loading' | 'failed' | undefined>();
  const ids = { from: useId(), to: useId(), outcome: useId(), topic: useId(), customer: useId() };

  useEffect(() => {
    let current = true;
    setFound({ kind: 'loading' });
    void searchConversations(asked).then((r) => {
      if (current) setFound(r.ok ? { kind: 'ready', conversations: r.value.conversations } : { kind: 'failed', ...(r.message ? { message: r.message } : {}) });
    });
    return () => {
      current = false;
    };
  }, [asked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOpened(undefined);
    setAsked({ ...choice });
  };
  const open = (id: string) => {
    setOpened('loading');
    void openConversation(id).then((r) => setOpened(r.ok ? r.value : 'failed'));
  };
  const field = (name: keyof SearchChoice) => ({ value: choice[name], onChange: (e: { target: { value: string } }) => setChoice({ ...choice, [name]: e.target.value }) });

  return (
    <section className="conversations" aria-labelledby="conversations-title">
      <h2 id="conversations-title">{words.title}</h2>
      <form className="search" onSubmit={submit} aria-label={words.search}>
        <label htmlFor={ids.from}>{words.from}</label>
        <input id={ids.from} type="date" required {...field('from')} />
        <label htmlFor={ids.to}>{words.to}</label>
        <input id={ids.to} type="date" required {...field('to')} />
        <label htmlFor={ids.outcome}>{words.outcome}</label>
        <select id={ids.outcome} {...field('outcome')}>
          <option value="">{words.anyOutcome}</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {words.outcomes[o]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.topic}>{words.topic}</label>
        <input id={ids.topic} className="short" {...field('topic')} />
        <label htmlFor={ids.customer}>{words.customer}</label>
        <input id={ids.customer} className="short" {...field('customer')} />
        <button type="submit">{words.search}</button>
      </form>
      <div className={opened ? 'split' : ''}>
        <Results found={found} language={language} onOpen={open} />
        {opened && <Detail detail={opened} language={language} onClose={() => setOpened(undefined)} />}
      </div>
    </section>
  );
}

function Results({ found, language, onOpen }: { found: Found; language: Language; onOpen: (id: string) => void }) {
  const words = conversationsStrings[language];
  if (found.kind === 'loading') return <p aria-busy="true">{words.loading}</p>;
  if (found.kind === 'failed') return <p role="alert">{found.message ?? words.unavailable}</p>;
  if (found.conversations.length === 0) return <p className="empty">{words.none}</p>;
  return (
    <table className="results">
      <thead>
        <tr>
          <th scope="col">{words.started}</th>
          <th scope="col">{words.channel}</th>
          <th scope="col">{words.language}</th>
          <th scope="col">{words.outcome}</th>
          <th scope="col">{words.rating}</th>
          <th scope="col">
            <span className="visually-hidden">{words.open}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {found.conversations.map((c) => (
          <tr key={`${c.channel}/${c.conversationId}`} data-conversation={c.conversationId}>
            <td>{timeText(language, c.startedAt)}</td>
            <td>{c.channel}</td>
            <td>{c.locale ?? '—'}</td>
            <td>{words.outcomes[c.outcome]}</td>
            <td>{c.csat ?? '—'}</td>
            <td>
              <button type="button" onClick={() => onOpen(c.conversationId)} aria-label={words.openConversation(timeText(language, c.startedAt))}>
                {words.open}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Detail({ detail, language, onClose }: { detail: ConversationDetail | 'loading' | 'failed'; language: Language; onClose: () => void }) {
  const words = conversationsStrings[language];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (typeof detail === 'object') heading.current?.focus();
  }, [detail]);
  if (detail === 'loading') return <p aria-busy="true">{words.loading}</p>;
  if (detail === 'failed') return <p role="alert">{words.unavailable}</p>;
  const c = detail.conversation;
  return (
    <article className="detail" aria-labelledby="conversation-title">
      <header>
        <h3 id="conversation-title" ref={heading} tabIndex={-1}>
          {words.conversation(c.conversationId)}
        </h3>
        <button type="button" onClick={onClose}>
          {words.close}
        </button>
      </header>
      <p className="facts">
        {timeText(language, c.startedAt)} · {c.channel} · {c.locale ?? '—'} · <strong data-detail="outcome">{words.outcomes[c.outcome]}</strong> · {words.rating}:{' '}
        <strong data-detail="rating">{detail.rating ?? words.noRating}</strong>
      </p>
      <h4>{words.transcript}</h4>
      {detail.transcript.length === 0 ? (
        <p className="empty">{words.noTranscript}</p>
      ) : (
        <ol className="transcript">
          {detail.transcript.map((line, i) => (
            <li key={i} className={line.from}>
              <span className="who">{line.from === 'customer' ? words.customerSaid : (line.name ?? words.botSaid)}</span>
              <span className="text">{line.text}</span>
            </li>
          ))}
        </ol>
      )}
      {detail.handoffs.length > 0 && (
        <>
          <h4>{words.handoffs}</h4>
          {detail.handoffs.map((h) => (
            <dl key={h.id} className="handoff">
              <dt>{words.reason}</dt>
              <dd>{h.reason}</dd>
              <dt>{words.agent}</dt>
              <dd>{h.agentName ?? '—'}</dd>
              <dt>{words.state}</dt>
              <dd>{h.events.map((e) => `${timeText(language, e.at)} ${e.to}`).join(' → ')}</dd>
              <dt>{words.issue}</dt>
              <dd>{h.summary.issue}</dd>
            </dl>
          ))}
        </>
      )}
      <h4>{words.offers}</h4>
      {detail.offers.length === 0 ? (
        <p className="empty">{words.noOffers}</p>
      ) : (
        <ul className="offers">
          {detail.offers.map((o, i) => (
            <li key={i}>
              {timeText(language, o.at)} {words.offerKinds[o.kind] ?? o.kind}: {o.offerId ?? '—'} {o.outcome ? (words.offerOutcomes[o.outcome] ?? o.outcome) : ''} {o.reasons ? `(${o.reasons})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>{words.events}</h4>
      <ul className="events">
        {detail.events.map((e, i) => (
          <li key={i}>
            {timeText(language, e.at)} <code>{e.kind}</code> {[e.topic, e.entryId, e.detail, e.value, e.text].filter((x) => x !== undefined && x !== '').join(' · ')}
          </li>
        ))}
      </ul>
    </article>
  );
}
