import { useEffect, useRef } from 'react';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { editorRoot } from './editorRoot';
import type { FlowsWords } from './flowsStrings';

const diffTheme = EditorView.theme({ '&': { fontSize: '13px' }, '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }, '.cm-collapsedLines': { fontFamily: 'system-ui, sans-serif' } });

/** The published topic and the draft side by side, changes marked, unchanged stretches folded away. Read only. */
export function DiffView({ published, draft, words }: { published: string | null; draft: string; words: FlowsWords }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const { root, parent } = editorRoot(host.current);
    const side = (label: string) => [lineNumbers(), yaml(), EditorState.readOnly.of(true), EditorView.contentAttributes.of({ 'aria-label': label }), EditorState.phrases.of(words.editorPhrases), diffTheme];
    const view = new MergeView({
      a: { doc: published ?? '', extensions: side(words.published) },
      b: { doc: draft, extensions: side(words.draftVersion) },
      root,
      parent,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [published, draft, words]);
  return (
    <section className="flow-diff" aria-label={words.compare}>
      {published === null && <p className="flow-note">{words.nothingPublished}</p>}
      {published === draft && <p className="flow-note">{words.sameAsPublished}</p>}
      <div className="flow-diff-heads" aria-hidden="true">
        <span>{words.published}</span>
        <span>{words.draftVersion}</span>
      </div>
      <div className="flow-diff-view" ref={host} />
    </section>
  );
}
