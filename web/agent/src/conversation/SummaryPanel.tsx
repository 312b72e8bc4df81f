/** The side panel: the summary card's content, what the customer wrote while waiting, private notes, the profile and earlier contacts. */
import type { Language } from '../strings';
import { labelOf, strings } from '../strings';
import type { OpenConversation } from '../useDesk';
import { linesWhileWaiting } from './conversationLines';
import { conversationStrings } from './conversationStrings';

export function SummaryPanel({ language, conversation, customerName }: { language: Language; conversation: OpenConversation; customerName: string }) {
  const words = conversationStrings[language];
  const shell = strings[language];
  const { summary, session } = conversation.data;
  const earlier = conversation.data.earlierContacts ?? summary?.earlierContacts ?? [];
  // A transfer note is shown with the summary ("Note from Li Wei"); the notes list does not repeat it.
  const transferNote = summary?.transferNote;
  const notes = conversation.notes.filter((n) => !(transferNote && n.agentName === transferNote.agentName && n.text === transferNote.text));
  const waiting = conversation.data.messagesWhileWaiting ?? linesWhileWaiting(conversation.lines, summary?.generatedAt, session.assignedAt);
  const when = (iso: string) => new Date(iso).toLocaleString(language);
  return (
    <aside className="summary" data-testid="summary" aria-label={words.summary}>
      <h2>{customerName}</h2>
      {summary ? (
        <dl>
          {summary.issue && (
            <>
              <dt>{words.issue}</dt>
              <dd>{summary.issue}</dd>
            </>
          )}
          {summary.customerSaid.length > 0 && (
            <>
              <dt>{words.alsoSaid}</dt>
              <dd>
                <ul>{summary.customerSaid.map((said, i) => <li key={i}>{said}</li>)}</ul>
              </dd>
            </>
          )}
          {summary.tried.length > 0 && (
            <>
              <dt>{words.tried}</dt>
              <dd>
                <ul>
                  {summary.tried.map((t, i) => (
                    <li key={i}>
                      {t.what} — {labelOf(words.reactions, t.reaction)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {summary.entities.length > 0 && (
            <>
              <dt>{words.details}</dt>
              <dd>
                <ul>{summary.entities.map((e, i) => <li key={i}>{e.text}</li>)}</ul>
              </dd>
            </>
          )}
          <dt>{words.reason}</dt>
          <dd>
            {labelOf(shell.reasonNames, summary.reason)} · {words.minutesWithBot(summary.minutesWithBot)}
          </dd>
          <dt>{words.mood}</dt>
          <dd>{labelOf(words.moods, summary.sentiment.trend)}</dd>
          <dt>{words.nextStep}</dt>
          <dd>{labelOf(words.nextSteps, summary.nextStep)}</dd>
          {summary.transferNote && (
            <>
              <dt>{words.transferNote(summary.transferNote.agentName)}</dt>
              <dd className="transfer-note">{summary.transferNote.text}</dd>
            </>
          )}
        </dl>
      ) : null}
      {waiting.length > 0 && (
        <section>
          <h3>{words.whileWaiting}</h3>
          <ul>{waiting.map((l, i) => <li key={i}>{l.text}</li>)}</ul>
        </section>
      )}
      <section>
        <h3>{words.notes}</h3>
        {notes.length === 0 ? (
          <p className="empty">{words.noNotes}</p>
        ) : (
          <ul className="notes" data-testid="notes">
            {notes.map((n, i) => (
              <li key={`${n.at}-${i}`}>
                <span className="meta">
                  {n.agentName} · {when(n.at)}
                </span>
                <p>{n.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {summary && (
        <section>
          <h3>{words.profile}</h3>
          <dl>
            <Field label={words.tier} value={summary.who.tier} />
            <Field label={words.customerLanguage} value={labelOf(shell.languageNames, summary.who.locale)} />
            <Field label={words.channel} value={summary.who.channelId} />
          </dl>
        </section>
      )}
      <section>
        <h3>{words.earlier}</h3>
        {earlier.length === 0 ? (
          <p className="empty">{words.noEarlier}</p>
        ) : (
          <ul>
            {earlier.map((c, i) => (
              <li key={i}>
                {when(c.at)}
                {c.topic && <> · {c.topic}</>} · {labelOf(words.contactOutcomes, c.outcome)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}

/** One term and its value; nothing when the value is empty. */
function Field({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
