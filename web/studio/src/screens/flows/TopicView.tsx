import { useCallback, useMemo, useRef, useState } from 'react';
import type { EditorView } from '@codemirror/view';
import type { SignedIn } from '../../api';
import type { Language } from '../../strings';
import { ActionPanel } from './ActionPanel';
import type { CanvasEdit } from './ActionPanel';
import { DiffView } from './DiffView';
import { FlowCanvas } from './FlowCanvas';
import { canEdit } from './flowsApi';
import { flowsStrings } from './flowsStrings';
import type { FlowsWords } from './flowsStrings';
import { ProblemList } from './ProblemList';
import { localeTextsAt } from './topicEdits';
import type { EditRefusal } from './topicEdits';
import { topicGraph } from './topicGraph';
import type { TopicGraph } from './topicGraph';
import { pathKey, readTopic } from './topicYaml';
import { useTopicDraft } from './useTopicDraft';
import { goToLine, YamlEditor } from './YamlEditor';

function refusal(reason: EditRefusal, words: FlowsWords): string {
  return reason === 'unreadable' ? words.refusedUnreadable : reason === 'flow-style' ? words.refusedFlowStyle : words.refusedOther;
}

/** One topic: the canvas and its action buttons on the left, the YAML and its problems on the right; or the diff. */
export function TopicView({ topicId, language, session }: { topicId: string; language: Language; session: SignedIn }) {
  const words = flowsStrings[language];
  const editable = canEdit(session);
  const draft = useTopicDraft(topicId, session, editable);
  const editor = useRef<EditorView | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>('trigger');
  const [refused, setRefused] = useState<string | undefined>();
  const [comparing, setComparing] = useState(false);
  const [discarding, setDiscarding] = useState<'asking' | 'failed' | undefined>();

  const read = useMemo(() => readTopic(draft.text), [draft.text]);
  const lastGraph = useRef<TopicGraph | undefined>(undefined);
  const graph = useMemo(() => {
    const now = topicGraph(read);
    if (now) lastGraph.current = now;
    return now;
  }, [read]);
  const shown = graph ?? lastGraph.current;
  const node = shown?.nodes.find((n) => n.key === selected);
  const name = localeTextsAt(read, ['displayName'])[language] || topicId;

  const select = useCallback((key: string | undefined) => {
    setSelected(key);
    setRefused(undefined);
    const line = lastGraph.current?.nodes.find((n) => n.key === key)?.line;
    if (line) goToLine(editor.current, line, false);
  }, []);
  const edit: CanvasEdit = (result, next) => {
    if (!result.ok) return setRefused(refusal(result.reason, words));
    setRefused(undefined);
    draft.change(result.text);
    setSelected(next ? pathKey(next) : undefined);
  };

  if (draft.loaded === undefined) return <p aria-busy="true">…</p>;
  if (draft.loaded === 'failed' || draft.loaded === 'not-found') {
    return (
      <p role="alert">
        {draft.loaded === 'failed' ? words.loadFailed : words.notFound} <a href="#/flows">{words.backToList}</a>
      </p>
    );
  }
  const published = draft.loaded.published;
  const lineProblems = read.syntaxProblems.length > 0 ? read.syntaxProblems : draft.problems.problems.map((p) => ({ ...(p.line === undefined ? {} : { line: p.line }), message: p.message }));

  async function discard(): Promise<void> {
    const wasNew = published === null;
    const ok = await draft.discard();
    setDiscarding(ok ? undefined : 'failed');
    if (ok && wasNew) window.location.hash = '#/flows';
  }

  return (
    <section className="flow-topic" aria-labelledby="flow-topic-title">
      <div className="flow-topic-bar">
        <a href="#/flows" className="flow-back">
          ← {words.backToList}
        </a>
        <h2 id="flow-topic-title">{name}</h2>
        <code>{draft.loaded.file}</code>
        {editable && (
          <span role="status" className={`flow-status flow-status-${draft.status}`}>
            {draft.status === 'saved' ? words.saved : draft.status === 'saving' ? words.saving : draft.status === 'unsaved' ? words.unsaved : draft.status === 'failed' ? words.saveFailed : ''}
          </span>
        )}
        <span className="flow-topic-actions">
          <button type="button" aria-pressed={comparing} onClick={() => setComparing(!comparing)}>
            {comparing ? words.backToEditing : words.compare}
          </button>
          {editable && (
            <button type="button" className="flow-danger" onClick={() => setDiscarding('asking')} disabled={draft.text === published}>
              {words.discard}
            </button>
          )}
        </span>
      </div>
      {discarding && (
        <div className="flow-confirm" role={discarding === 'failed' ? 'alert' : 'group'} aria-label={words.discard}>
          <span>{discarding === 'failed' ? words.discardFailed : words.discardQuestion}</span>
          <button type="button" className="flow-danger" onClick={() => void discard()}>
            {words.discardYes}
          </button>
          <button type="button" onClick={() => setDiscarding(undefined)}>
            {words.discardNo}
          </button>
        </div>
      )}
      {draft.status === 'conflict' && (
        <div className="flow-conflict" role="alert">
          <span>{words.conflict}</span>
          <button type="button" onClick={() => void draft.reload()}>
            {words.reload}
          </button>
        </div>
      )}
      {!editable && <p className="flow-note">{words.readOnlyNote}</p>}
      {comparing && <DiffView published={published} draft={draft.text} words={words} />}
      <div className="flow-workspace" hidden={comparing}>
        <div className="flow-canvas-pane">
          {!graph && <p className="flow-warning">{words.syntaxBanner}</p>}
          {shown && <FlowCanvas graph={shown} language={language} words={words} selected={selected} onSelect={select} />}
          {refused && (
            <p className="flow-warning" role="alert">
              {refused}
            </p>
          )}
          {editable && graph && <ActionPanel node={node} text={draft.text} words={words} onEdit={edit} />}
        </div>
        <div className="flow-editor-pane">
          <YamlEditor text={draft.text} onChange={draft.change} readOnly={!editable} problems={lineProblems} label={words.editor} phrases={words.editorPhrases} viewRef={editor} />
          <ProblemList problems={lineProblems} otherProblems={draft.problems.otherProblems} words={words} onGoTo={(line) => goToLine(editor.current, line, true)} />
        </div>
      </div>
    </section>
  );
}
