/** The signed-in agent's workspace: header (presence, load, notifications), inbox, open conversations, and the supervisor view. */
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { SignedIn } from '../../shared/session';
import { agentApi } from './agentApi';
import type { Me } from './agentApi';
import { Shell } from './Shell';
import { Conversations } from './conversation/Conversations';
import { InboxPanel } from './inbox/InboxPanel';
import { askForNotifications, notificationState, notify } from './notify';
import { problemText, strings } from './strings';
import type { Language } from './strings';
import { SupervisorView } from './supervisor/SupervisorView';
import { useDesk } from './useDesk';
import type { Attention } from './useDesk';

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  readonly language: Language;
  readonly languageSwitch: ReactNode;
  readonly session: SignedIn;
  readonly me: Me;
  readonly onSignOut: () => void;
}

/** The workspace page once the account is known to be a roster agent. */
export function Workspace({ language, languageSwitch, session, me, onSignOut }: WorkspaceProps) {
  const words = strings[language];
  const [view, setView] = useState<'desk' | 'supervisor'>('desk');
  const [problem, setProblem] = useState<string>();
  const [permission, setPermission] = useState(notificationState);
  const attention = useCallback(
    (what: Attention) => {
      const w = strings[language];
      if (what.kind === 'waiting') notify(w.title, w.newCustomer(what.name ?? w.aCustomer, what.queue), 'waiting');
      else if (what.kind === 'message') notify(w.title, w.newMessage(what.name ?? w.aCustomer), what.handoffId);
      else notify(w.title, what.from, 'consult');
    },
    [language],
  );
  const desk = useDesk(session, me, attention);
  const supervisor = me.role === 'supervisor';
  const fail = useCallback((code: string, message?: string) => setProblem(problemText(language, code, message)), [language]);

  async function choosePresence(status: 'available' | 'away'): Promise<void> {
    const got = await agentApi.setPresence(session, status);
    if (got.ok) desk.setPresence(got.value);
    else fail(got.code, got.message);
  }

  const controls = (
    <>
      <label className="presence">
        {words.presence}{' '}
        <select data-testid="presence" value={desk.presence.status} onChange={(e) => void choosePresence(e.target.value as 'available' | 'away')}>
          {(['available', 'away', 'busy', 'offline'] as const).map((s) => (
            <option key={s} value={s} disabled={s === 'busy' || s === 'offline'} hidden={(s === 'busy' || s === 'offline') && desk.presence.status !== s}>
              {words.presenceNames[s]}
            </option>
          ))}
        </select>
      </label>
      <span className="load" data-testid="load">
        {words.load(desk.presence.load, desk.presence.capacity)}
      </span>
      {supervisor && (
        <div className="views" role="group" aria-label={words.views}>
          <button type="button" aria-pressed={view === 'desk'} onClick={() => setView('desk')}>
            {words.workspaceView}
          </button>
          <button type="button" aria-pressed={view === 'supervisor'} onClick={() => setView('supervisor')}>
            {words.supervisorView}
          </button>
        </div>
      )}
      {permission === 'default' && (
        <button type="button" onClick={() => void askForNotifications().then(setPermission)}>
          {words.notifyButton}
        </button>
      )}
      {permission === 'denied' && <span className="hint-inline">{words.notifyBlocked}</span>}
      {languageSwitch}
      <span className="who" title={words.signedInAs(me.agent.displayName)}>
        {me.agent.displayName}{' '}
        <button type="button" onClick={onSignOut}>
          {words.signOut}
        </button>
      </span>
    </>
  );

  return (
    <Shell title={words.title} controls={controls}>
      {!desk.live && (
        <p className="banner" role="status">
          {words.reconnecting}
        </p>
      )}
      {problem && (
        <p className="problem banner-problem" role="alert">
          {problem}{' '}
          <button type="button" onClick={() => setProblem(undefined)}>
            ×
          </button>
        </p>
      )}
      {view === 'supervisor' && supervisor ? (
        <SupervisorView language={language} session={session} desk={desk} onProblem={fail} />
      ) : (
        <div className="desk">
          <InboxPanel language={language} session={session} desk={desk} onProblem={fail} />
          <Conversations language={language} session={session} me={me} desk={desk} onProblem={fail} />
        </div>
      )}
    </Shell>
  );
}
