import type { Language } from '../../strings';
import { ItemList, MapRows } from './collections';
import { getAt } from './documentPath';
import { LinesField, NumberField, SelectField, TextField, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

/** Queues and their names, where topics and escalation reasons go, priority tiers, and when the bot offers a person. */
export function RoutingForm({ language, reasons }: { language: Language; reasons: readonly string[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const queues = (getAt(form.doc, ['queues']) as { id?: string; names?: Record<string, string> }[] | undefined) ?? [];
  const queueOptions = queues.filter((q) => q.id).map((q) => ({ value: q.id ?? '', label: `${q.names?.[language] || q.id} (${q.id})` }));
  const reasonOptions = reasons.map((r) => ({ value: r, label: w.reason(r) }));
  return (
    <div className="routing">
      <SelectField at={['default_queue']} label={w.defaultQueue} options={queueOptions} empty={w.firstQueue} hint={w.defaultQueueHint} />
      <ItemList
        at={['queues']}
        language={language}
        legend={w.queues}
        itemTitle={(q, i) => w.queueTitle(String((q.names as Record<string, string> | undefined)?.[language] || q.id || i + 1))}
        addLabel={w.addQueue}
        fresh={() => ({ id: `queue-${queues.length + 1}`, names: { 'en-US': '', 'zh-CN': '' }, hours: 'always' })}
        item={(at) => (
          <>
            <TextField at={[...at, 'id']} label={w.queueId} hint={w.idHint} />
            <TextField at={[...at, 'names', 'en-US']} label={w.nameEn} />
            <TextField at={[...at, 'names', 'zh-CN']} label={w.nameZh} />
            <NumberField at={[...at, 'max_wait_minutes']} label={w.maxWait} hint={w.maxWaitHint} step={1} />
            <NumberField at={[...at, 'default_handle_minutes']} label={w.handleMinutes} hint={w.handleMinutesHint} />
            <p className="field-hint wide">{w.hoursOnOtherTab}</p>
          </>
        )}
      />
      <fieldset className="reason-queues" id={`${form.idPrefix}-reason_queues`} tabIndex={-1}>
        <legend>{w.reasonQueues}</legend>
        <small className="field-hint">{w.reasonQueuesHint}</small>
        <div className="grid">
          {reasons.map((r) => (
            <SelectField key={r} at={['reason_queues', r]} label={w.reason(r)} options={queueOptions} empty={w.defaultQueueChoice} />
          ))}
        </div>
      </fieldset>
      <MapRows at={['topic_queues']} language={language} legend={w.topicQueues} hint={w.topicQueuesHint} keyLabel={w.topic} valueLabel={w.queue} options={queueOptions} addLabel={w.addTopicQueue} />
      <ItemList
        at={['tiers']}
        language={language}
        legend={w.tiers}
        itemTitle={(t, i) => w.tierTitle(String(t.id || i + 1))}
        addLabel={w.addTier}
        fresh={() => ({ id: 'new-tier', priority: 5 })}
        item={(at) => (
          <>
            <TextField at={[...at, 'id']} label={w.tierId} hint={w.tierIdHint} />
            <NumberField at={[...at, 'priority']} label={w.priority} hint={w.priorityHint} step={1} />
            <NumberField at={[...at, 'no_match_limit']} label={w.tierNoMatch} hint={w.optional} step={1} />
          </>
        )}
      />
      <fieldset className="escalation" id={`${form.idPrefix}-escalation`} tabIndex={-1}>
        <legend>{w.escalation}</legend>
        <div className="grid">
          <NumberField at={['escalation', 'no_match_limit']} label={w.noMatchLimit} hint={w.default2} step={1} />
          <NumberField at={['escalation', 'not_resolved_limit']} label={w.notResolvedLimit} hint={w.default2} step={1} />
          <NumberField at={['escalation', 'negative_turns']} label={w.negativeTurns} hint={w.default2} step={1} />
          <NumberField at={['escalation', 'negative_threshold']} label={w.negativeThreshold} hint={w.negativeThresholdHint} step={0.1} />
        </div>
        <div className="grid two">
          <LinesField at={['escalation', 'agent_phrases', 'en-US']} label={w.agentPhrasesEn} hint={w.onePerLine} />
          <LinesField at={['escalation', 'agent_phrases', 'zh-CN']} label={w.agentPhrasesZh} hint={w.onePerLine} />
          <LinesField at={['escalation', 'cancel_phrases', 'en-US']} label={w.cancelPhrasesEn} hint={w.onePerLine} />
          <LinesField at={['escalation', 'cancel_phrases', 'zh-CN']} label={w.cancelPhrasesZh} hint={w.onePerLine} />
        </div>
        <MapRows at={['escalation', 'topics']} language={language} legend={w.escalationTopics} hint={w.escalationTopicsHint} keyLabel={w.topic} valueLabel={w.reasonLabel} options={reasonOptions} addLabel={w.addEscalationTopic} />
      </fieldset>
    </div>
  );
}
