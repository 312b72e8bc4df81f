import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { EntryEditor } from './EntryEditor';
import { ProblemList } from './EntryFields';
import { knowledgeLocales } from './knowledgeApi';
import type { EntryList, EntryView, KnowledgeLocale } from './knowledgeApi';
import type { KnowledgeTabProps } from './knowledgeTab';
import { LocaleSelect } from './LocaleSelect';
import { TestQuestion } from './TestQuestion';

/** An entry in each locale: its view, `null` when that locale has none, undefined while loading. */
type Pair = Partial<Record<KnowledgeLocale, EntryView | null>>;

/** The entries of a locale with search, and the chosen entry in English and Chinese side by side. */
export function EntriesTab({ api, words, initialLocale, mayEdit, onDraftChanged }: KnowledgeTabProps) {
  const [locale, setLocale] = useState<KnowledgeLocale>(initialLocale);
  const [query, setQuery] = useState('');
  const [list, setList] = useState<EntryList | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [pair, setPair] = useState<Pair>({});
  const [writing, setWriting] = useState<KnowledgeLocale | undefined>();
  const [creating, setCreating] = useState(false);
  const selectedRef = useRef<string | undefined>(undefined);
  const id = useId();

  const refresh = useCallback(async () => {
    const answer = await api.list(locale, query);
    if (answer.ok) setList(answer.value);
  }, [api, locale, query]);
  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 150);
    return () => clearTimeout(timer);
  }, [refresh]);

  const open = useCallback(
    async (entryId: string) => {
      // Another entry starts empty; the same one is read again in place (its editors keep what they say).
      if (entryId !== selectedRef.current) setPair({});
      selectedRef.current = entryId;
      setSelected(entryId);
      setCreating(false);
      setWriting(undefined);
      const answers = await Promise.all(knowledgeLocales.map((l) => api.entry(l, entryId)));
      setPair(Object.fromEntries(knowledgeLocales.map((l, i) => [l, answers[i]?.ok ? answers[i].value : null])));
    },
    [api],
  );
  const changed = (entryId: string) => {
    onDraftChanged();
    void refresh();
    void open(entryId);
  };

  return (
    <div className="kb-entries">
      <aside className="kb-card kb-list" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`}>{words.entryList}</h3>
        <LocaleSelect words={words} value={locale} onChange={setLocale} />
        <span className="kb-field">
          <label htmlFor={`${id}-search`}>{words.search}</label>
          <input id={`${id}-search`} type="search" placeholder={words.searchHint} value={query} onChange={(e) => setQuery(e.target.value)} />
        </span>
        {list && <p className="kb-count">{words.count(list.entries.length)}</p>}
        {list && list.loadProblems.length > 0 && <ProblemList words={words} problems={list.loadProblems} title={words.loadProblems} />}
        <ul>
          {list?.entries.map((e) => (
            <li key={e.id}>
              <button type="button" className="kb-item" aria-current={e.id === selected ? 'true' : undefined} onClick={() => void open(e.id)}>
                <span className="kb-id-tag">#{e.id}</span> {e.question}
                {e.state !== 'published' && <span className={`kb-state kb-state-${e.state}`}>{words.state[e.state]}</span>}
              </button>
            </li>
          ))}
        </ul>
        {mayEdit && (
          <button type="button" onClick={() => {
              setCreating(true);
              setSelected(undefined);
              selectedRef.current = undefined;
            }}>
            {words.newEntry}
          </button>
        )}
      </aside>
      <div className="kb-main">
        <TestQuestion api={api} words={words} initialLocale={locale} onOpen={(entryId) => void open(entryId)} />
        {creating && (
          <section className="kb-card" aria-labelledby={`${id}-new`}>
            <h3 id={`${id}-new`}>
              {words.newEntryTitle} · {words.localeName[locale]}
            </h3>
            <EntryEditor api={api} words={words} locale={locale} view={undefined} mayEdit={mayEdit} onSaved={(v) => changed(v.entry.id)} onCancel={() => setCreating(false)} />
          </section>
        )}
        {!creating && selected === undefined && <p className="kb-hint">{words.chooseEntry}</p>}
        {selected !== undefined && (
          <section className="kb-card" aria-labelledby={`${id}-entry`}>
            <h3 id={`${id}-entry`}>{words.entryTitle(selected)}</h3>
            <div className="kb-pair">
              {knowledgeLocales.map((l) => (
                <section key={l} className="kb-side" aria-labelledby={`${id}-${l}`}>
                  <h4 id={`${id}-${l}`}>{words.localeName[l]}</h4>
                  {pair[l] === undefined && <p aria-busy="true">…</p>}
                  {pair[l] && <EntryEditor api={api} words={words} locale={l} view={pair[l]} mayEdit={mayEdit} onSaved={() => changed(selected)} onDeleted={() => changed(selected)} />}
                  {pair[l] === null && writing !== l && (
                    <p>
                      {words.notInLocale(words.localeName[l])}{' '}
                      {mayEdit && (
                        <button type="button" onClick={() => setWriting(l)}>
                          {words.writeIt}
                        </button>
                      )}
                    </p>
                  )}
                  {pair[l] === null && writing === l && <EntryEditor api={api} words={words} locale={l} view={undefined} newId={selected} mayEdit={mayEdit} onSaved={() => changed(selected)} onCancel={() => setWriting(undefined)} />}
                </section>
              ))}
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
