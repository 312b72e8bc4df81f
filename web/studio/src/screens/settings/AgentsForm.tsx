import type { Language } from '../../strings';
import { ItemList } from './collections';
import { ChecksField, ListField, NumberField, SelectField, TextField } from './fields';
import { settingsStrings } from './settingsStrings';

/** The roster: who takes conversations, in which queues, under which user ids and in which language. */
export function AgentsForm({ language, queues }: { language: Language; queues: readonly { id: string; names: Record<string, string> }[] }) {
  const w = settingsStrings[language];
  const queueOptions = queues.map((q) => ({ value: q.id, label: q.names[language] ?? q.id }));
  const locales = [
    { value: 'en-US', label: 'English (en-US)' },
    { value: 'zh-CN', label: '简体中文 (zh-CN)' },
  ];
  return (
    <ItemList
      at={['agents']}
      language={language}
      legend={w.agents}
      itemTitle={(a, i) => String(a.display_name || a.id || w.agentTitle(i + 1))}
      addLabel={w.addAgent}
      fresh={() => ({ id: 'new-agent', display_name: '', queues: [], user_ids: [], locale: 'en-US' })}
      item={(at) => (
        <>
          <TextField at={[...at, 'id']} label={w.agentId} hint={w.agentIdHint} />
          <TextField at={[...at, 'display_name']} label={w.displayName} hint={w.displayNameHint} />
          <SelectField at={[...at, 'locale']} label={w.agentLocale} options={locales} />
          <NumberField at={[...at, 'capacity']} label={w.capacity} hint={w.capacityHint} step={1} placeholder={w.byDefault} />
          <ChecksField at={[...at, 'queues']} label={w.agentQueues} options={queueOptions} keepEmpty className="wide" />
          <ListField at={[...at, 'user_ids']} label={w.userIds} hint={w.userIdsHint} keepEmpty />
          <ListField at={[...at, 'skills']} label={w.skills} hint={w.commaSeparated} />
          <TextField at={[...at, 'aad_object_id']} label={w.aadObjectId} hint={w.aadObjectIdHint} optional />
        </>
      )}
    />
  );
}
