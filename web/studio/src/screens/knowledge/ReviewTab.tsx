import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ProblemList } from './EntryFields';
import type { Answer, EntrySummary, KnowledgeLocale, ReviewList } from './knowledgeApi';
import { failureOf } from './knowledgeFailure';
import type { Failure } from './knowledgeFailure';
import type { KnowledgeWords } from './knowledgeStrings';
import type { KnowledgeTabProps } from './knowledgeTab';
import { LocaleSelect } from './LocaleSelect';

type Group = ReviewList['groups'][number];

/** Active learning: phrasings to accept or reject, unanswered groups to add as alternates or make an entry of. */
export function ReviewTab({ api, words, initialLocale, mayEdit, onDraftChanged }: KnowledgeTabProps) {
  const [locale, setLocale] = useState<KnowledgeLocale>(initialLocale);
  const [review, setReview] = useState<ReviewList | undefined>();
  const [entries, setEntries] = useState<EntrySummary[]>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const id = useId();

  const load = useCallback(async () => {
    const [found, listed] = await Promise.all([api.review(locale), api.list(locale, '')]);
    if (found.ok) setReview(found.value);
    if (listed.ok) setEntries(listed.value.entries);
  }, [api, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one action, says what it did, and reads the review again. */
  async function act<T>(work: Promise<Answer<T>>, done: (value: T) => string | undefined): Promise<boolean> {
    const answer = await work;
    if (answer.ok) {
      setStatus(done(answer.value));
      setFailure(undefined);
      onDraftChanged();
    } else setFailure(failureOf(words, answer));
    await load();
    return answer.ok;
  }
  const accept = (entryId: string, texts: string[]) => act(api.accept(locale, entryId, texts), () => words.addedTo(entryId));
  const reject = (texts: string[], entryId?: string) => act(api.reject(locale, texts, entryId), () => undefined);

  const empty = review && review.suggestions.length === 0 && review.groups.length === 0;
  return (
    <section className="kb-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{words.reviewTitle}</h3>
      <LocaleSelect words={words} value={locale} onChange={setLocale} />
      <p className="kb-ok" role="status">
        {status}
      </p>
      {failure && <ProblemList words={words} problems={failure.problems} title={failure.title} />}
      {empty && <p className="kb-hint">{words.nothingToReview}</p>}
      {review && review.suggestions.length > 0 && (
        <section aria-labelledby={`${id}-suggested`}>
          <h4 id={`${id}-suggested`}>{words.suggestionsTitle}</h4>
          <p className="kb-hint">{words.suggestionsIntro}</p>
          {review.suggestions.map((s) => (
            <div key={s.entryId} className="kb-group">
              <p className="kb-group-title">
                #{s.entryId} {s.question ?? words.missingEntry}
              </p>
              <ul>
                {s.alternates.map((a) => (
                  <li key={a.text}>
                    <q>{a.text}</q> <span className="kb-count">{words.asked(a.count)}</span>
                    {mayEdit && (
                      <span className="kb-actions">
                        <button type="button" className="kb-primary kb-small" aria-label={words.acceptThing(a.text)} disabled={s.question === undefined} onClick={() => void accept(s.entryId, [a.text])}>
                          {words.accept}
                        </button>
                        <button type="button" className="kb-small" aria-label={words.rejectThing(a.text)} onClick={() => void reject([a.text], s.entryId)}>
                          {words.reject}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {review && review.groups.length > 0 && (
        <section aria-labelledby={`${id}-unanswered`}>
          <h4 id={`${id}-unanswered`}>{words.unansweredTitle}</h4>
          <p className="kb-hint">{words.unansweredIntro}</p>
          {review.groups.map((g) => (
            <UnansweredGroup key={g.questions.map((q) => q.text).join('\n')} words={words} group={g} entries={entries} mayEdit={mayEdit} onAdd={(entryId) => accept(entryId, texts(g))} onDismiss={() => reject(texts(g))} onCreate={(answer) => act(api.newEntry(locale, texts(g), answer), (v) => words.createdEntry(v.entry.id))} />
          ))}
        </section>
      )}
    </section>
  );
}

const texts = (g: Group): string[] => g.questions.map((q) => q.text);

interface GroupProps {
  readonly words: KnowledgeWords;
  readonly group: Group;
  readonly entries: readonly EntrySummary[];
  readonly mayEdit: boolean;
  readonly onAdd: (entryId: string) => Promise<boolean>;
  readonly onDismiss: () => Promise<boolean>;
  readonly onCreate: (answer: string) => Promise<boolean>;
}

/** One group of unanswered questions and what can be made of it. */
function UnansweredGroup({ words, group, entries, mayEdit, onAdd, onDismiss, onCreate }: GroupProps) {
  const [picked, setTarget] = useState('');
  const target = picked || group.likelyEntryId || entries[0]?.id || '';
  const [writing, setWriting] = useState(false);
  const [answer, setAnswer] = useState('');
  const id = useId();
  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await onCreate(answer)) setWriting(false);
  }
  return (
    <div className="kb-group">
      <ul>
        {group.questions.map((q) => (
          <li key={q.text}>
            <q>{q.text}</q> <span className="kb-count">{words.asked(q.count)}</span>
          </li>
        ))}
      </ul>
      {mayEdit && !writing && (
        <div className="kb-inline">
          <span className="kb-field">
            <label htmlFor={`${id}-target`}>{words.addAsAlternateOf}</label>
            <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
              {entries.map((e) => (
                <option key={e.id} value={e.id}>
                  #{e.id} {e.question}
                </option>
              ))}
            </select>
          </span>
          <button type="button" className="kb-primary" disabled={!target} onClick={() => void onAdd(target)}>
            {words.addAsAlternate}
          </button>
          <button type="button" onClick={() => setWriting(true)}>
            {words.newEntry}
          </button>
          <button type="button" onClick={() => void onDismiss()}>
            {words.dismiss}
          </button>
        </div>
      )}
      {mayEdit && writing && (
        <form className="kb-new" onSubmit={(e) => void create(e)}>
          <label htmlFor={`${id}-answer`}>{words.answerForNew}</label>
          <textarea id={`${id}-answer`} rows={3} required autoFocus value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <div className="kb-actions">
            <button type="submit" className="kb-primary">
              {words.create}
            </button>
            <button type="button" onClick={() => setWriting(false)}>
              {words.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
