import { lazy, Suspense, useEffect, useState } from 'react';
import type { ScreenProps } from '../screens';
import { TopicList } from './flows/TopicList';
import './flows/flows.css';

// The canvas and the editor (React Flow, CodeMirror) load when a topic is opened, not with the studio.
const TopicView = lazy(() => import('./flows/TopicView').then((m) => ({ default: m.TopicView })));

/** The topic named in the address (`#/flows/<topicId>`), if any. */
function topicOfHash(hash: string): string | undefined {
  const [, topic] = hash.replace(/^#\/?/, '').split('/');
  return topic ? decodeURIComponent(topic) : undefined;
}

/** Dialog flows: the list of topics, or one topic as a canvas and its YAML (issue 12). */
export function FlowsScreen({ language, session }: ScreenProps) {
  const [topic, setTopic] = useState(() => topicOfHash(window.location.hash));
  useEffect(() => {
    const follow = () => setTopic(topicOfHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  if (!topic) return <TopicList language={language} session={session} />;
  return (
    <Suspense fallback={<p aria-busy="true">…</p>}>
      <TopicView key={topic} topicId={topic} language={language} session={session} />
    </Suspense>
  );
}
