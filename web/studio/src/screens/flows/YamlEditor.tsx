import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { editorRoot, editorTheme } from './editorRoot';

/** A problem to show inline, at a 1-based line (listed only, when it has none). */
export interface LineProblem {
  readonly line?: number;
  readonly message: string;
}

/** The smallest single change turning `from` into `to` (keeps the cursor and the undo history useful). */
export function minimalChange(from: string, to: string): { from: number; to: number; insert: string } {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start += 1;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end += 1;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}

function diagnosticsOf(state: EditorState, problems: readonly LineProblem[]): Diagnostic[] {
  return problems.flatMap((p) => {
    if (p.line === undefined) return [];
    const line = state.doc.line(Math.min(Math.max(1, p.line), state.doc.lines));
    return [{ from: line.from, to: line.to, severity: 'error' as const, message: p.message, source: 'Warmline' }];
  });
}

/**
 * The topic's YAML in CodeMirror 6: YAML highlighting, the problems inline (underlined, and marked in
 * the gutter), read-only for viewers. `text` flows in (canvas edits, a reload), changes flow out.
 */
export function YamlEditor({ text, onChange, readOnly, problems, label, phrases, viewRef }: { text: string; onChange: (text: string) => void; readOnly: boolean; problems: readonly LineProblem[]; label: string; phrases: Readonly<Record<string, string>>; viewRef: { current: EditorView | undefined } }) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const first = useRef({ text, readOnly, label, phrases, problems });
  const settings = useRef({ readOnly: new Compartment(), label: new Compartment(), phrases: new Compartment() });

  // The view is made once; text, problems, read-only and label follow through the effects below.
  useEffect(() => {
    const { text, readOnly, label, phrases, problems } = first.current;
    if (!host.current) return;
    const { root, parent } = editorRoot(host.current);
    const view = new EditorView({
      root,
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          editorTheme('480px'),
          // Bilingual messages are long lines: wrapped, both languages stay readable side by side with the canvas.
          EditorView.lineWrapping,
          settings.current.readOnly.of(EditorState.readOnly.of(readOnly)),
          settings.current.label.of(EditorView.contentAttributes.of({ 'aria-label': label })),
          settings.current.phrases.of(EditorState.phrases.of(phrases)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.dispatch(setDiagnostics(view.state, diagnosticsOf(view.state, problems)));
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = undefined;
    };
  }, [viewRef]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: [
        settings.current.readOnly.reconfigure(EditorState.readOnly.of(readOnly)),
        settings.current.label.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })),
        settings.current.phrases.reconfigure(EditorState.phrases.of(phrases)),
      ],
    });
  }, [readOnly, label, phrases, viewRef]);

  useEffect(() => {
    const view = viewRef.current;
    const now = view?.state.doc.toString();
    if (view && now !== undefined && now !== text) view.dispatch({ changes: minimalChange(now, text) });
  }, [text, viewRef]);

  const problemsKey = JSON.stringify(problems);
  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, diagnosticsOf(view.state, JSON.parse(problemsKey) as LineProblem[])));
  }, [problemsKey, viewRef]);

  return <div className="flow-editor" ref={host} />;
}

/** Puts the cursor at the start of a line and shows it; focuses the editor when asked. */
export function goToLine(view: EditorView | undefined, lineNumber: number, focus: boolean): void {
  if (!view) return;
  const line = view.state.doc.line(Math.min(Math.max(1, lineNumber), view.state.doc.lines));
  view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  if (focus) view.focus();
}
