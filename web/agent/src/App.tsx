/** The workspace shell: language, sign-in, and whether the account is a roster agent; the workspace itself goes inside. */
import { useCallback, useEffect, useState } from 'react';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { usePageLanguage } from '../../shared/usePageLanguage';
import { SignInForm } from '../../shared/SignInForm';
import { currentSession, signOut } from '../../shared/session';
import type { SignedIn } from '../../shared/session';
import { agentApi } from './agentApi';
import type { Me } from './agentApi';
import { problemText, strings } from './strings';
import { Shell } from './Shell';
import { Workspace } from './Workspace';

const languageKey = 'warmline.agent.language';

type Access = { kind: 'checking' } | { kind: 'signed-out' } | { kind: 'agent'; session: SignedIn; me: Me } | { kind: 'refused'; session: SignedIn; why: string };

/** The agent workspace page (`/agent`). */
export function App() {
  const [language, setLanguage] = usePageLanguage(languageKey, (l) => strings[l].title);
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const words = strings[language];

  const admit = useCallback(async (session: SignedIn | undefined) => {
    if (!session) return setAccess({ kind: 'signed-out' });
    const me = await agentApi.me(session);
    if (me.ok) return setAccess({ kind: 'agent', session, me: me.value });
    setAccess({ kind: 'refused', session, why: me.code });
  }, []);

  useEffect(() => {
    void currentSession().then(admit);
  }, [admit]);

  const leave = (session: SignedIn) => void signOut(session).then(() => setAccess({ kind: 'signed-out' }));
  const languageSwitch = <LanguageSwitch label={words.language} language={language} onChange={setLanguage} />;

  if (access.kind === 'agent') return <Workspace language={language} languageSwitch={languageSwitch} session={access.session} me={access.me} onSignOut={() => leave(access.session)} />;
  return (
    <Shell title={words.title} controls={languageSwitch}>
      {access.kind === 'signed-out' && <SignInForm words={words} singleSignOn={false} onSignedIn={(s) => void admit(s)} />}
      {access.kind === 'refused' && (
        <div className="refused" role="alert">
          <p>{access.why === 'NotAnAgent' || access.why === 'Forbidden' ? words.notAnAgent(access.session.user) : access.why === 'NotFound' ? words.workspaceUnavailable : problemText(language, access.why)}</p>
          <button type="button" onClick={() => leave(access.session)}>
            {words.signOut}
          </button>
        </div>
      )}
    </Shell>
  );
}
