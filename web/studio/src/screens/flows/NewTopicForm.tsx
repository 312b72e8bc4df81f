import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SignedIn } from '../../api';
import { newTopicTriggers, newTopicYaml } from './actionTemplates';
import { saveTopicDraft } from './flowsApi';
import { newActionWords } from './flowsStrings';
import type { FlowsWords } from './flowsStrings';

const topicIdPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Creates a topic in the draft: `<id>.yaml` with a name in both languages, a trigger and one message. */
export function NewTopicForm({ session, words, taken, eTag, onCreated, onCancel }: { session: SignedIn; words: FlowsWords; taken: ReadonlySet<string>; eTag: string | null; onCreated: (id: string) => void; onCancel: () => void }) {
  const ids = { id: useId(), hint: useId(), en: useId(), zh: useId(), trigger: useId() };
  const [id, setId] = useState('');
  const [en, setEn] = useState('');
  const [zh, setZh] = useState('');
  const [trigger, setTrigger] = useState<string>('OnRecognizedIntent');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    const topicId = id.trim();
    if (!topicIdPattern.test(topicId)) return setProblem(words.idInvalid);
    if (taken.has(topicId)) return setProblem(words.idTaken);
    if (!en.trim() || !zh.trim()) return setProblem(words.namesNeeded);
    setBusy(true);
    const answer = await saveTopicDraft(session, topicId, newTopicYaml({ id: topicId, name: { 'en-US': en.trim(), 'zh-CN': zh.trim() }, trigger }, newActionWords), eTag);
    setBusy(false);
    if (answer.kind === 'saved') onCreated(topicId);
    else setProblem(answer.kind === 'conflict' ? words.conflict : words.createFailed);
  }

  return (
    <form className="flow-new" onSubmit={(e) => void create(e)} aria-labelledby={`${ids.id}-title`}>
      <h3 id={`${ids.id}-title`}>{words.newTopicTitle}</h3>
      <label htmlFor={ids.id}>{words.newTopicId}</label>
      <input id={ids.id} value={id} onChange={(e) => setId(e.target.value)} aria-describedby={ids.hint} required autoComplete="off" spellCheck={false} />
      <p id={ids.hint} className="flow-note">
        {words.newTopicIdHint}
      </p>
      <label htmlFor={ids.en}>{words.nameEn}</label>
      <input id={ids.en} lang="en-US" value={en} onChange={(e) => setEn(e.target.value)} required />
      <label htmlFor={ids.zh}>{words.nameZh}</label>
      <input id={ids.zh} lang="zh-CN" value={zh} onChange={(e) => setZh(e.target.value)} required />
      <label htmlFor={ids.trigger}>{words.trigger}</label>
      <select id={ids.trigger} value={trigger} onChange={(e) => setTrigger(e.target.value)}>
        {newTopicTriggers.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="flow-buttons">
        <button type="submit" disabled={busy}>
          {busy ? words.creating : words.create}
        </button>
        <button type="button" onClick={onCancel}>
          {words.cancel}
        </button>
      </div>
    </form>
  );
}
