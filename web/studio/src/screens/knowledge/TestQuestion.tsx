import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ProblemList } from './EntryFields';
import type { KnowledgeApi, KnowledgeLocale, TrialAnswer } from './knowledgeApi';
import { failureOf } from './knowledgeFailure';
import type { Failure } from './knowledgeFailure';
import type { KnowledgeWords } from './knowledgeStrings';
import { LocaleSelect } from './LocaleSelect';

/** "Test this question": what the bot would do with it on the draft, and the top matches with their confidence. */
export function TestQuestion({ api, words, initialLocale, onOpen }: { api: KnowledgeApi; words: KnowledgeWords; initialLocale: KnowledgeLocale; onOpen: (id: string) => void }) {
  const [locale, setLocale] = useState<KnowledgeLocale>(initialLocale);
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<{ ok: true; value: TrialAnswer } | { ok: false; failure: Failure } | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function run(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (question.trim() === '') return;
    setBusy(true);
    const answer = await api.test(locale, question);
    setBusy(false);
    setResult(answer.ok ? answer : { ok: false, failure: failureOf(words, answer) });
  }

  return (
    <section className="kb-card kb-test" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{words.testTitle}</h3>
      <form className="kb-inline" onSubmit={(e) => void run(e)}>
        <LocaleSelect words={words} value={locale} onChange={setLocale} />
        <span className="kb-field kb-grow">
          <label htmlFor={`${id}-q`}>{words.testQuestion}</label>
          <input id={`${id}-q`} value={question} onChange={(e) => setQuestion(e.target.value)} />
        </span>
        <button type="submit" className="kb-primary" disabled={busy}>
          {words.testRun}
        </button>
      </form>
      {result && !result.ok && <ProblemList words={words} problems={result.failure.problems} title={result.failure.title} />}
      {result?.ok && (
        <div aria-live="polite">
          <p className="kb-decision">
            {decisionText(words, result.value)}
            {result.value.locale !== locale && <> {words.testOtherLocale(words.localeName[result.value.locale])}</>}
          </p>
          {result.value.matches.length > 0 && (
            <table className="kb-table">
              <caption>{words.matches}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.entry}</th>
                  <th scope="col">{words.question}</th>
                  <th scope="col">{words.closest}</th>
                  <th scope="col" className="kb-num">
                    {words.confidence}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.value.matches.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.kind === 'topic' ? (
                        words.topicMatch
                      ) : (
                        <button type="button" className="kb-link" onClick={() => onOpen(m.id)}>
                          #{m.id}
                        </button>
                      )}
                    </td>
                    <td>{m.question}</td>
                    <td>{m.matchedQuestion}</td>
                    <td className="kb-num">
                      <meter min={0} max={1} value={m.confidence} aria-hidden="true" /> {words.percent(m.confidence)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

/** What the bot would do, in words. */
function decisionText(words: KnowledgeWords, result: TrialAnswer): string {
  const topic = result.matches.find((m) => m.id === result.answered && m.kind === 'topic');
  if (result.decision === 'answer') return topic ? words.testStartsTopic(topic.question) : words.testAnswers(result.answered ?? '');
  const label = (id: string): string => {
    const match = result.matches.find((m) => m.id === id);
    return match?.kind === 'topic' ? `${words.topicMatch} “${match.question}”` : `#${id}`;
  };
  return result.decision === 'suggest' ? words.testSuggests(result.suggested.map(label)) : words.testNone;
}
