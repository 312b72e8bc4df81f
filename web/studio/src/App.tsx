import { Component, useEffect, useState } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { usePageLanguage } from '../../shared/usePageLanguage';
import { SignInForm } from '../../shared/SignInForm';
import { currentSession, signOut } from './api';
import type { SignedIn } from './api';
import { screens } from './screens';
import { strings } from './strings';
import type { Language } from './strings';

const languageKey = 'warmline.studio.language';

/** The studio shell: language, sign-in, who is signed in. The screens of issue 12 go inside it. */
export function App() {
  const [language, setLanguage] = usePageLanguage(languageKey, (l) => strings[l].title);
  const [session, setSession] = useState<SignedIn | undefined>();
  const [checked, setChecked] = useState(false);
  const words = strings[language];

  useEffect(() => {
    void currentSession().then((found) => {
      setSession(found);
      setChecked(true);
    });
  }, []);

  return (
    <div className="studio">
      <header className="bar">
        <h1>{words.title}</h1>
        <LanguageSwitch label={words.language} language={language} onChange={setLanguage} />
        {session && (
          <span className="who">
            {words.signedInAs(session.user, session.role)}{' '}
            <button type="button" onClick={() => void signOut(session).then(() => setSession(undefined))}>
              {words.signOut}
            </button>
          </span>
        )}
      </header>
      <main>
        {checked && !session && <SignInForm words={words} singleSignOn onSignedIn={setSession} />}
        {session && <Screens language={language} session={session} />}
      </main>
    </div>
  );
}

function screenOfHash(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}

/** The navigation and the screen chosen in the address (`#/flows`, ...), among those the role may open. */
function Screens({ language, session }: { language: Language; session: SignedIn }) {
  const words = strings[language];
  const open = screens.filter((s) => s.roles.length === 0 || s.roles.includes(session.role));
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const current = open.find((s) => s.id === screenOfHash(hash)) ?? open[0];
  return (
    <div className="screens">
      <nav aria-label={words.navigation}>
        <ul>
          {open.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === current?.id ? 'page' : undefined}>
                {s.label[language]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="screen">
        <ScreenBoundary key={current?.id} message={words.screenFailed}>
          {current?.render({ language, session })}
        </ScreenBoundary>
      </div>
    </div>
  );
}

/** Keeps a screen that fails from blanking the whole studio: it says so, and the other screens still work. */
class ScreenBoundary extends Component<{ readonly message: string; readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('studio screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <p role="alert">{this.props.message}</p> : this.props.children;
  }
}
