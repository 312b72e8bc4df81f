import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ScreenProps } from '../../screens';
import { EntriesTab } from './EntriesTab';
import { ProblemList } from './EntryFields';
import { EvaluationTab } from './EvaluationTab';
import { canEdit, knowledgeApi } from './knowledgeApi';
import type { Problem } from './knowledgeApi';
import { knowledgeStrings } from './knowledgeStrings';
import { ReviewTab } from './ReviewTab';
import { TransferTab } from './TransferTab';
import './knowledge.css';

const tabs = ['entries', 'evaluation', 'review', 'transfer'] as const;
type Tab = (typeof tabs)[number];

/** The knowledge screen: entries, batch evaluation, active-learning review, import and export. */
export function KnowledgeScreen({ language, session }: ScreenProps) {
  const words = knowledgeStrings[language];
  const api = useMemo(() => knowledgeApi(session), [session]);
  const mayEdit = canEdit(session);
  const [tab, setTab] = useState<Tab>('entries');
  const [draft, setDraft] = useState<{ changed: number; problems: Problem[] } | undefined>();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const id = useId();

  const readDraft = useCallback(async () => {
    const answer = await api.list('en-US', '');
    if (answer.ok) setDraft({ changed: answer.value.changedFiles.length, problems: answer.value.problems });
  }, [api]);
  useEffect(() => {
    void readDraft();
  }, [readDraft]);
  const onDraftChanged = () => void readDraft();

  const labels: Record<Tab, string> = { entries: words.tabEntries, evaluation: words.tabEvaluation, review: words.tabReview, transfer: words.tabTransfer };
  // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern.
  function onKey(event: KeyboardEvent<HTMLButtonElement>): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const to = event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : step ? tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length] : undefined;
    if (!to) return;
    event.preventDefault();
    setTab(to);
    tabRefs.current[to]?.focus();
  }

  return (
    <section className="kb" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{words.title}</h2>
      <p className="kb-hint">{words.intro}</p>
      {draft && draft.changed > 0 && <p className="kb-draft">{words.draftChanged(draft.changed)}</p>}
      {draft && draft.problems.length > 0 && <ProblemList words={words} problems={draft.problems} title={words.draftProblems} />}
      <div role="tablist" aria-label={words.tabs} className="kb-tabs">
        {tabs.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`${id}-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={onKey}
          >
            {labels[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel-${tab}`} aria-labelledby={`${id}-tab-${tab}`} className="kb-panel">
        {tab === 'entries' && <EntriesTab api={api} words={words} initialLocale={language} mayEdit={mayEdit} onDraftChanged={onDraftChanged} />}
        {tab === 'evaluation' && <EvaluationTab api={api} words={words} initialLocale={language} />}
        {tab === 'review' && <ReviewTab api={api} words={words} initialLocale={language} mayEdit={mayEdit} onDraftChanged={onDraftChanged} />}
        {tab === 'transfer' && <TransferTab api={api} words={words} initialLocale={language} mayEdit={mayEdit} onDraftChanged={onDraftChanged} />}
      </div>
    </section>
  );
}
