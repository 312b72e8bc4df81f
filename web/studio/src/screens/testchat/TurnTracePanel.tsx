import { useId, useState } from 'react';
import type { FaqTrace, TurnTrace } from './previewApi';
import type { TestChatWords } from './testChatStrings';

/** The turns of the test chat, newest last; one is open at a time (the newest, unless another was chosen). */
export function TurnTracePanel({ turns, words }: { turns: readonly TurnTrace[]; words: TestChatWords }) {
  const [chosen, setChosen] = useState<number | undefined>();
  const open = chosen ?? turns.at(-1)?.turn;
  if (turns.length === 0) return <p className="testchat-empty">{words.traceEmpty}</p>;
  return (
    <ol className="testchat-turns">
      {turns.map((t) => (
        <TurnItem key={t.turn} trace={t} words={words} open={t.turn === open} onToggle={() => setChosen(t.turn === open ? -1 : t.turn)} />
      ))}
    </ol>
  );
}

function TurnItem({ trace, words, open, onToggle }: { trace: TurnTrace; words: TestChatWords; open: boolean; onToggle: () => void }) {
  const detailsId = useId();
  const said = trace.input.type === 'event' ? words.joined : `“${trace.input.text ?? ''}”`;
  const answered = trace.faq.find((f) => f.entryId && !f.entryId.startsWith('flow:'))?.entryId;
  const fired = [...(answered ? [`${words.faq} ${answered}`] : []), ...trace.topics].join(' · ') || words.noTopic;
  return (
    <li className="testchat-turn">
      <button type="button" className="testchat-turn-head" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        <span className="testchat-turn-number">{words.turn(trace.turn)}</span> <span className="testchat-turn-said">{said}</span> <span className="testchat-turn-fired">→ {fired}</span>
      </button>
      {open && (
        <div id={detailsId} className="testchat-turn-details">
          {trace.guard !== undefined && <Field label={words.guard} value={trace.guard ?? words.noGuard} />}
          <Field label={words.topics} value={trace.topics.length > 0 ? trace.topics.join(', ') : words.noTopic} />
          {trace.actions.length > 0 && (
            <table className="testchat-table">
              <caption>{words.actions}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.topic}</th>
                  <th scope="col">{words.action}</th>
                  <th scope="col">{words.kind}</th>
                </tr>
              </thead>
              <tbody>
                {trace.actions.map((a, i) => (
                  <tr key={i}>
                    <td>{a.topicId}</td>
                    <td>
                      <code>{a.actionId}</code>
                    </td>
                    <td>{a.kind}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {trace.faq.map((faq, i) => (
            <FaqDetails key={i} faq={faq} words={words} />
          ))}
          {trace.escalation.map((e, i) => (
            <Field key={i} label={words.escalation} value={e.decision.escalate ? words.escalate(e.decision.mode ?? '', e.decision.reason ?? '') : words.noEscalation} />
          ))}
          {trace.interruptions.map((e, i) => (
            <Field key={i} label={words.interruption} value={`${e.kind}${e.topicId ? ` → ${e.topicId}` : ''}`} />
          ))}
          {trace.ended.length > 0 && <Field label={words.ended} value={trace.ended.map((e) => `${e.topicId} (${e.outcome})`).join(', ')} />}
          {trace.problems.length > 0 && (
            <div className="testchat-problems" role="note">
              <strong>{words.problems}</strong>
              <ul>
                {trace.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <Variables trace={trace} words={words} />
        </div>
      )}
    </li>
  );
}

function FaqDetails({ faq, words }: { faq: FaqTrace; words: TestChatWords }) {
  return (
    <div className="testchat-faq">
      <Field label={words.faq} value={`${words.decisions[faq.decision] ?? faq.decision}${faq.entryId ? ` · ${words.entry} ${faq.entryId}` : ''}`} />
      {faq.candidates.length > 0 && (
        <table className="testchat-table">
          <thead>
            <tr>
              <th scope="col">{words.entry}</th>
              <th scope="col">{words.question}</th>
              <th scope="col">{words.score}</th>
            </tr>
          </thead>
          <tbody>
            {faq.candidates.map((c) => (
              <tr key={c.entryId} className={c.entryId === faq.entryId ? 'testchat-chosen' : undefined}>
                <td>
                  <code>{c.entryId}</code>
                </td>
                <td>{c.question}</td>
                <td className="testchat-score">{c.confidence.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {faq.thresholds && <p className="testchat-note">{words.thresholds(faq.thresholds.answer, faq.thresholds.margin, faq.thresholds.suggest)}</p>}
    </div>
  );
}

function Variables({ trace, words }: { trace: TurnTrace; words: TestChatWords }) {
  const v = trace.variables;
  return (
    <div className="testchat-variables">
      <strong>{words.variables}</strong>
      {v.topics.map((t, i) => (
        <Values key={i} label={`${words.topicVariables(t.topicId)}${t.waitingFor ? ` · ${words.waitingFor(t.waitingFor)}` : ''}`} values={t.variables} words={words} />
      ))}
      <Values label={words.conversationVariables} values={v.conversation} words={words} />
      <Values label={words.userVariables} values={v.user} words={words} />
      <Values label={words.botState} values={v.bot} words={words} />
    </div>
  );
}

function Values({ label, values, words }: { label: string; values: Record<string, unknown>; words: TestChatWords }) {
  const entries = Object.entries(values);
  return (
    <div className="testchat-values">
      <span className="testchat-label">{label}</span>
      {entries.length === 0 ? (
        <span className="testchat-muted"> {words.none}</span>
      ) : (
        <dl>
          {entries.map(([k, value]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>
                <code>{JSON.stringify(value)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <p className="testchat-field">
      <span className="testchat-label">{label}</span> {value}
    </p>
  );
}
