import { lazy, Suspense, useEffect, useState } from 'react';
import type { SignedIn } from '../../api';
import type { Language } from '../../strings';
import { canEdit, readTopics } from './flowsApi';
import type { TopicsAnswer } from './flowsApi';
import { flowsStrings } from './flowsStrings';
import type { FlowsWords } from './flowsStrings';

// The form writes YAML (the `yaml` package): loaded when it is opened.
const NewTopicForm = lazy(() => import('./NewTopicForm').then((m) => ({ default: m.NewTopicForm })));

/** One row of the list: a published topic, or one the draft adds. */
interface TopicRow {
  readonly id: string;
  readonly name: string;
  readonly trigger: string;
  readonly file: string;
  readonly draft: 'changed' | 'new' | 'deleted' | undefined;
}

const isTopicPath = (path: string): boolean => /^[^/]+\.ya?ml$/i.test(path) && !/\.test\.ya?ml$/i.test(path);

/** The published topics with what the draft does to each, then the topics only the draft has. */
export function topicRows(answer: TopicsAnswer, language: Language): TopicRow[] {
  const changes = new Map(answer.draft.changes.map((c) => [c.path, c] as const));
  const rows: TopicRow[] = answer.topics.map((t) => {
    const change = changes.get(t.file);
    return { id: t.id, name: t.displayName[language], trigger: t.trigger, file: t.file, draft: change ? (change.deleted ? 'deleted' : 'changed') : undefined };
  });
  const published = new Set(answer.topics.map((t) => t.file));
  for (const c of answer.draft.changes) {
    if (!c.deleted && isTopicPath(c.path) && !published.has(c.path)) rows.push({ id: c.path.replace(/\.ya?ml$/i, ''), name: c.path.replace(/\.ya?ml$/i, ''), trigger: '', file: c.path, draft: 'new' });
  }
  return rows;
}

function draftLabel(draft: TopicRow['draft'], words: FlowsWords): string {
  return draft === 'changed' ? words.draftChanged : draft === 'new' ? words.draftNew : draft === 'deleted' ? words.draftDeleted : '';
}

/** The list of topics: open one, see which the draft changes, start a new one. */
export function TopicList({ language, session }: { language: Language; session: SignedIn }) {
  const words = flowsStrings[language];
  const [answer, setAnswer] = useState<TopicsAnswer | undefined | 'failed'>();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void readTopics().then((found) => setAnswer(found ?? 'failed'));
  }, []);
  if (answer === undefined) return <p aria-busy="true">…</p>;
  if (answer === 'failed') return <p role="alert">{words.flowsUnavailable}</p>;
  const rows = topicRows(answer, language);
  return (
    <section className="flows" aria-labelledby="flows-title">
      <div className="flow-list-bar">
        <h2 id="flows-title">{words.flowsTitle}</h2>
        {canEdit(session) && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            {words.newTopic}
          </button>
        )}
      </div>
      {answer.version && <p className="version">{words.version(answer.version)}</p>}
      {!canEdit(session) && <p className="flow-note">{words.readOnlyNote}</p>}
      {creating && (
        <Suspense fallback={<p aria-busy="true">…</p>}>
          <NewTopicForm
            session={session}
            words={words}
            taken={new Set(rows.map((r) => r.id))}
            eTag={answer.draft.eTag}
            onCreated={(id) => {
              window.location.hash = `#/flows/${id}`;
            }}
            onCancel={() => setCreating(false)}
          />
        </Suspense>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{words.topic}</th>
            <th scope="col">{words.trigger}</th>
            <th scope="col">{words.file}</th>
            <th scope="col">{words.draft}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.file}>
              <td>
                <a href={`#/flows/${encodeURIComponent(r.id)}`}>{r.name}</a>
              </td>
              <td>{r.trigger}</td>
              <td>
                <code>{r.file}</code>
              </td>
              <td>{r.draft && <span className={`flow-badge flow-badge-${r.draft}`}>{draftLabel(r.draft, words)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
