import { fillQuickReply, quickReplyFallbacks, quickReplyVariables } from '../../../../../handoff/quickReplies';
import type { QuickReplyValues } from '../../../../../handoff/quickReplies';
import type { Language } from '../../strings';
import { ItemList } from './collections';
import { getAt } from './documentPath';
import type { Path } from './documentPath';
import { ChecksField, TextField, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

type Queue = { id: string; names: Record<string, string> };

/** Example values for the preview in `locale`: a known customer who gave an order number, in `queue`. */
function exampleValues(locale: Language, queue: Queue | undefined): QuickReplyValues {
  const e = settingsStrings[locale].example;
  return { 'customer.name': e.customer, 'agent.name': e.agent, 'queue.name': queue?.names[locale] ?? queue?.id ?? '', 'order.id': e.order };
}

/**
 * The roster's quick replies (`quick_replies:` in agents.yaml): canned answers with variables, title
 * and text in English and Chinese side by side, optionally only for some queues, with a preview of
 * each text filled in as a customer would read it.
 */
export function QuickRepliesForm({ language, queues }: { language: Language; queues: readonly Queue[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const replies = (getAt(form.doc, ['quick_replies']) as { id?: unknown }[] | undefined) ?? [];
  const freshId = () => {
    let n = replies.length + 1;
    while (replies.some((r) => r.id === `new-reply-${n}`)) n += 1;
    return `new-reply-${n}`;
  };
  return (
    <div className="quick-replies">
      <Variables language={language} />
      <ItemList
        at={['quick_replies']}
        language={language}
        legend={w.quickReplies}
        itemTitle={(r, i) => String((r.title as Record<string, string> | undefined)?.[language] || r.id || w.quickReplyTitle(i + 1))}
        addLabel={w.addQuickReply}
        fresh={() => ({ id: freshId(), title: { 'en-US': '', 'zh-CN': '' }, text: { 'en-US': '', 'zh-CN': '' } })}
        item={(at) => <QuickReplyFields at={at} language={language} queues={queues} />}
      />
    </div>
  );
}

function QuickReplyFields({ at, language, queues }: { at: Path; language: Language; queues: readonly Queue[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const queueOptions = queues.map((q) => ({ value: q.id, label: q.names[language] ?? q.id }));
  const own = getAt(form.doc, [...at, 'queues']);
  const queue = queues.find((q) => Array.isArray(own) && own.includes(q.id)) ?? queues[0];
  const columns = [
    { locale: 'en-US', heading: w.english, title: w.replyTitleEn, text: w.replyTextEn },
    { locale: 'zh-CN', heading: w.chinese, title: w.replyTitleZh, text: w.replyTextZh },
  ] as const;
  return (
    <>
      <TextField at={[...at, 'id']} label={w.quickReplyId} hint={w.idHint} />
      <ChecksField at={[...at, 'queues']} label={w.quickReplyQueues} hint={w.quickReplyQueuesHint} options={queueOptions} className="half" />
      <div className="reply-languages wide">
        {columns.map((c) => (
          <div key={c.locale} className="reply-language">
            <h5>{c.heading}</h5>
            <TextField at={[...at, 'title', c.locale]} label={c.title} hint={w.replyTitleHint} />
            <TextField at={[...at, 'text', c.locale]} label={c.text} multiline />
            <Preview at={[...at, 'text', c.locale]} locale={c.locale} language={language} queue={queue} />
          </div>
        ))}
      </div>
    </>
  );
}

/** A text with variables as a customer would read it: once for a known customer, once when nothing is known. */
function Preview({ at, locale, language, queue }: { at: Path; locale: Language; language: Language; queue: Queue | undefined }) {
  const w = settingsStrings[language];
  const form = useForm();
  const text = getAt(form.doc, at);
  // A text without variables reads the same for everyone: nothing to preview.
  if (typeof text !== 'string' || !text.includes('{')) return null;
  return (
    <dl className="reply-preview" aria-label={w.preview}>
      <dt>{w.previewKnown}</dt>
      <dd lang={locale}>{fillQuickReply(text, exampleValues(locale, queue), locale)}</dd>
      <dt>{w.previewUnknown}</dt>
      <dd lang={locale}>{fillQuickReply(text, {}, locale)}</dd>
    </dl>
  );
}

/** What each variable is filled with, and what takes its place when it is unknown. */
function Variables({ language }: { language: Language }) {
  const w = settingsStrings[language];
  const shown = (value: string) => (value === '' ? w.leftOut : `“${value}”`);
  return (
    <details className="reply-variables">
      <summary>{w.variablesTitle}</summary>
      <p>{w.variablesIntro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{w.variable}</th>
            <th scope="col">{w.filledWith}</th>
            <th scope="col">{w.fallbackEn}</th>
            <th scope="col">{w.fallbackZh}</th>
          </tr>
        </thead>
        <tbody>
          {quickReplyVariables.map((v) => (
            <tr key={v}>
              <th scope="row">
                <code>{`{${v}}`}</code>
              </th>
              <td>{w.variableMeaning[v] ?? v}</td>
              <td>{shown(quickReplyFallbacks['en-US'][v])}</td>
              <td>{shown(quickReplyFallbacks['zh-CN'][v])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">{w.ownFallback}</p>
    </details>
  );
}
