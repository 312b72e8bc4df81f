import { useEffect, useState } from 'react';
import { publishedTopics } from '../api';
import type { TopicSummary } from '../api';
import type { ScreenProps } from '../screens';
import { strings } from '../strings';

/** The published topics: name in the chosen language, trigger, file. */
export function FlowsScreen({ language }: ScreenProps) {
  const words = strings[language];
  const [flows, setFlows] = useState<{ version: string | null; topics: TopicSummary[] } | undefined | 'failed'>();
  useEffect(() => {
    void publishedTopics().then((found) => setFlows(found ?? 'failed'));
  }, []);
  if (flows === undefined) return <p aria-busy="true">…</p>;
  if (flows === 'failed') return <p role="alert">{words.flowsUnavailable}</p>;
  return (
    <section className="flows" aria-labelledby="flows-title">
      <h2 id="flows-title">{words.flowsTitle}</h2>
      {flows.version && <p className="version">{words.version(flows.version)}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{words.topic}</th>
            <th scope="col">{words.trigger}</th>
            <th scope="col">{words.file}</th>
          </tr>
        </thead>
        <tbody>
          {flows.topics.map((t) => (
            <tr key={t.id}>
              <td>{t.displayName[language]}</td>
              <td>{t.trigger}</td>
              <td>
                <code>{t.file}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
