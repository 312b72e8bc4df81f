import { useId } from 'react';
import type { EntryPrompt } from './knowledgeApi';
import type { KnowledgeWords } from './knowledgeStrings';

/** Props every list field takes. */
interface FieldProps<T> {
  readonly words: KnowledgeWords;
  readonly value: readonly T[];
  readonly onChange: (next: T[]) => void;
  readonly readOnly: boolean;
}

const replaced = <T,>(list: readonly T[], i: number, item: T): T[] => list.map((x, j) => (j === i ? item : x));
const without = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

/** The main question and the alternates, each its own labelled box. */
export function QuestionsField({ words, value, onChange, readOnly }: FieldProps<string>) {
  const id = useId();
  const [main = '', ...alternates] = value;
  return (
    <fieldset className="kb-questions">
      <legend>{words.questions}</legend>
      <label htmlFor={`${id}-main`}>{words.mainQuestion}</label>
      <input id={`${id}-main`} value={main} readOnly={readOnly} required onChange={(e) => onChange([e.target.value, ...alternates])} />
      <ol className="kb-rows">
        {alternates.map((q, i) => (
          <li key={i}>
            <input aria-label={words.alternate(i + 1)} value={q} readOnly={readOnly} autoFocus={q === '' && i === alternates.length - 1} onChange={(e) => onChange([main, ...replaced(alternates, i, e.target.value)])} />
            {!readOnly && (
              <button type="button" className="kb-small" aria-label={words.removeThing(words.alternate(i + 1))} onClick={() => onChange([main, ...without(alternates, i)])}>
                {words.remove}
              </button>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="kb-small" onClick={() => onChange([main, ...alternates, ''])}>
          {words.addAlternate}
        </button>
      )}
    </fieldset>
  );
}

/** `**Filters:**` as key/value rows. */
export function FiltersField({ words, value, onChange, readOnly }: FieldProps<readonly [string, string]>) {
  return (
    <fieldset>
      <legend>{words.filters}</legend>
      <ol className="kb-rows">
        {value.map(([key, v], i) => (
          <li key={i}>
            <input className="kb-key" aria-label={`${words.filterKey} ${i + 1}`} value={key} readOnly={readOnly} onChange={(e) => onChange(replaced(value, i, [e.target.value, v] as const))} />
            <span aria-hidden="true">=</span>
            <input aria-label={`${words.filterValue} ${i + 1}`} value={v} readOnly={readOnly} onChange={(e) => onChange(replaced(value, i, [key, e.target.value] as const))} />
            {!readOnly && (
              <button type="button" className="kb-small" aria-label={words.removeThing(`${words.filters} ${i + 1}`)} onClick={() => onChange(without(value, i))}>
                {words.remove}
              </button>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="kb-small" onClick={() => onChange([...value, ['', ''] as const])}>
          {words.addFilter}
        </button>
      )}
    </fieldset>
  );
}

/** `**Prompts:**` as rows of button text, target id and the context-only mark. */
export function PromptsField({ words, value, onChange, readOnly }: FieldProps<EntryPrompt>) {
  return (
    <fieldset>
      <legend>{words.prompts}</legend>
      <ol className="kb-rows">
        {value.map((p, i) => (
          <li key={i}>
            <input aria-label={`${words.promptText} ${i + 1}`} value={p.displayText} readOnly={readOnly} onChange={(e) => onChange(replaced(value, i, { ...p, displayText: e.target.value }))} />
            <input className="kb-id" aria-label={`${words.promptTarget} ${i + 1}`} value={p.entryId} readOnly={readOnly} onChange={(e) => onChange(replaced(value, i, { ...p, entryId: e.target.value.replace(/^#/, '') }))} />
            <label className="kb-check">
              <input type="checkbox" checked={p.contextOnly} disabled={readOnly} onChange={(e) => onChange(replaced(value, i, { ...p, contextOnly: e.target.checked }))} /> {words.promptContextOnly}
            </label>
            {!readOnly && (
              <button type="button" className="kb-small" aria-label={words.removeThing(`${words.prompts} ${i + 1}`)} onClick={() => onChange(without(value, i))}>
                {words.remove}
              </button>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="kb-small" onClick={() => onChange([...value, { displayText: '', entryId: '', contextOnly: false }])}>
          {words.addPrompt}
        </button>
      )}
    </fieldset>
  );
}

/** A list of problems the server named, as an alert. */
export function ProblemList({ words, problems, title }: { words: KnowledgeWords; problems: readonly { file?: string; line?: number; path?: string; message: string }[]; title?: string }) {
  if (problems.length === 0 && !title) return null;
  return (
    <div className="kb-problems" role="alert">
      {title && <p>{title}</p>}
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{words.problemAt(p)}</li>
        ))}
      </ul>
    </div>
  );
}
