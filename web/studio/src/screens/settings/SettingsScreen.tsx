import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ScreenProps } from '../../screens';
import { AgentsForm } from './AgentsForm';
import { HoursForm } from './HoursForm';
import { MessagesForm } from './MessagesForm';
import { OffersForm } from './OffersForm';
import { QuickRepliesForm } from './QuickRepliesForm';
import type { OfferChoices } from './OffersForm';
import { RoutingForm } from './RoutingForm';
import { SettingsEditor } from './SettingsEditor';
import { settingsStrings } from './settingsStrings';
import { useSettings } from './useSettings';
import type { SettingsEditing } from './useSettings';
import './settings.css';

const tabs = ['routing', 'hours', 'agents', 'quick-replies', 'offers', 'messages'] as const;
type Tab = (typeof tabs)[number];

function tabOfHash(hash: string): Tab {
  const part = hash.replace(/^#\/?/, '').split('/')[1] ?? '';
  return (tabs as readonly string[]).includes(part) ? (part as Tab) : 'routing';
}

function choicesOf<T>(editing: SettingsEditing, name: string, fallback: T): T {
  return editing.view && editing.view !== 'failed' ? ((editing.view.choices[name] as T | undefined) ?? fallback) : fallback;
}

/**
 * Settings (issue 12): routing, business hours, the agent roster, agents' quick replies (issue 13),
 * offers and the message catalogue as forms over the YAML files, one tab each (hours are in the
 * routing file, quick replies in the roster's). Save puts the edit in the draft; an admin publishes it
 * on the Publish screen, and the bots follow it without a restart.
 */
export function SettingsScreen({ language, session }: ScreenProps) {
  const w = settingsStrings[language];
  const [tab, setTab] = useState<Tab>(() => tabOfHash(window.location.hash));
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const routing = useSettings('routing', session);
  const agents = useSettings('agents', session);
  const offers = useSettings('offers', session);
  const messages = useSettings('messages', session);

  useEffect(() => {
    const follow = () => setTab(tabOfHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const choose = (next: Tab, focus = false) => {
    setTab(next);
    window.history.replaceState(null, '', `#/settings/${next}`);
    if (focus) refs.current[next]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const at = tabs.indexOf(tab);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    choose(tabs[(to + tabs.length) % tabs.length] ?? 'routing', true);
  };
  const editing: Record<Tab, SettingsEditing> = { routing, hours: routing, agents, 'quick-replies': agents, offers, messages };
  const dirty = (t: Tab) => editing[t].dirty;

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{w.title}</h2>
      <div role="tablist" aria-label={w.title} className="settings-tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`settings-tab-${t}`}
            aria-selected={t === tab}
            aria-controls={`settings-panel-${t}`}
            tabIndex={t === tab ? 0 : -1}
            onClick={() => choose(t)}
          >
            {w.tab[t]}
            {dirty(t) && <span aria-label={w.unsavedMark}> •</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`} className="settings-panel">
        {tab === 'routing' && (
          <SettingsEditor editing={routing} language={language} role={session.role} idPrefix="routing" title={w.tab.routing} intro={w.routingIntro}>
            <RoutingForm language={language} reasons={choicesOf(routing, 'reasons', [])} />
          </SettingsEditor>
        )}
        {tab === 'hours' && (
          <SettingsEditor editing={routing} language={language} role={session.role} idPrefix="hours" title={w.tab.hours} intro={w.hoursIntro}>
            <HoursForm language={language} timeZones={choicesOf(routing, 'timeZones', [])} />
          </SettingsEditor>
        )}
        {tab === 'agents' && (
          <SettingsEditor editing={agents} language={language} role={session.role} idPrefix="agents" title={w.tab.agents} intro={w.agentsIntro}>
            <AgentsForm language={language} queues={choicesOf(agents, 'queues', [])} />
          </SettingsEditor>
        )}
        {tab === 'quick-replies' && (
          <SettingsEditor editing={agents} language={language} role={session.role} idPrefix="quick-replies" title={w.tab['quick-replies']} intro={w.quickRepliesIntro}>
            <QuickRepliesForm language={language} queues={choicesOf(agents, 'queues', [])} />
          </SettingsEditor>
        )}
        {tab === 'offers' && (
          <SettingsEditor editing={offers} language={language} role={session.role} idPrefix="offers" title={w.tab.offers} intro={w.offersIntro}>
            <OffersForm language={language} choices={{ reasons: choicesOf(offers, 'reasons', []), tiers: choicesOf(offers, 'tiers', []), topics: choicesOf(offers, 'topics', []), propensities: choicesOf<OfferChoices['propensities']>(offers, 'propensities', []) }} />
          </SettingsEditor>
        )}
        {tab === 'messages' && (
          <SettingsEditor editing={messages} language={language} role={session.role} idPrefix="messages" title={w.tab.messages} intro={w.messagesIntro}>
            <MessagesForm language={language} keys={choicesOf(messages, 'keys', [])} />
          </SettingsEditor>
        )}
      </div>
    </section>
  );
}
