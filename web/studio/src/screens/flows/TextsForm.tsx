import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { textFields } from './actionTemplates';
import type { TextField } from './actionTemplates';
import type { FlowsWords } from './flowsStrings';
import { localeTextsAt, setLocaleTexts } from './topicEdits';
import type { EditResult } from './topicEdits';
import type { FlowNode, TopicLocale } from './topicGraph';
import { readTopic } from './topicYaml';

function fieldLabel(field: TextField, words: FlowsWords): string {
  switch (field.name) {
    case 'displayName':
      return words.fieldDisplayName;
    case 'text':
      return words.fieldText;
    case 'prompt':
      return words.fieldPrompt;
    case 'retryPrompt':
      return words.fieldRetryPrompt;
    case 'note':
      return words.fieldNote;
    case 'button':
      return words.fieldButton(field.item ?? '');
    case 'choice':
      return words.fieldChoice(field.item ?? '');
  }
}

/** The side form: each text of the selected action with its English and Chinese next to each other. */
export function TextsForm({ node, text, words, onApply, onClose }: { node: FlowNode; text: string; words: FlowsWords; onApply: (result: EditResult) => void; onClose: () => void }) {
  const id = useId();
  const [fields] = useState(() => {
    const read = readTopic(text);
    return textFields(read, node.path, node.kind).map((field) => ({ field, texts: localeTextsAt(read, field.path) }));
  });
  const [values, setValues] = useState(() => fields.map((f) => f.texts));

  function apply(event: FormEvent): void {
    event.preventDefault();
    let now: EditResult = { ok: true, text };
    fields.forEach((f, i) => {
      const texts = values[i];
      if (now.ok && texts) now = setLocaleTexts(now.text, f.field.path, texts);
    });
    onApply(now);
  }
  const set = (i: number, locale: TopicLocale, value: string) => setValues((all) => all.map((v, k) => (k === i ? { ...v, [locale]: value } : v)));

  return (
    <form className="flow-texts" onSubmit={apply} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{node.role === 'trigger' ? words.fieldDisplayName : words.textsOf(node.kind, node.actionId)}</h3>
      {fields.length === 0 && <p>{words.noTexts}</p>}
      {fields.map((f, i) => (
        <fieldset key={f.field.path.join('.')}>
          <legend>{fieldLabel(f.field, words)}</legend>
          <div className="flow-texts-pair">
            {(['en-US', 'zh-CN'] as const).map((locale) => (
              <label key={locale}>
                <span>{locale === 'en-US' ? words.english : words.chinese}</span>
                <textarea lang={locale} rows={3} value={values[i]?.[locale] ?? ''} onChange={(e) => set(i, locale, e.target.value)} />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="flow-buttons">
        {fields.length > 0 && <button type="submit">{words.apply}</button>}
        <button type="button" onClick={onClose}>
          {words.cancel}
        </button>
      </div>
    </form>
  );
}
