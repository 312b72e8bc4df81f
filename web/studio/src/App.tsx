import { Component, useEffect, useId, useState } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import type { FormEvent } from 'react';
import { currentSession, signIn, signOut, singleSignOnEnabled, singleSignOnStart } from './api';
import type { SignedIn } from './api';
import { screens } from './screens';
import { initialLanguage, languages, strings } from './strings';
import type { Language } from './strings';

const languageKey = 'warmline.studio.language';

/** The studio shell: language, sign-in, who is signed in. The screens of issue 12 go inside it. */
export function App() {
  const [language, setLanguage] = useState<Language>(() => initialLanguage(localStorage.getItem(languageKey), navigator.languages));
  const [session, setSession] = useState<SignedIn | undefined>();
  const [checked, setChecked] = useState(false);
  const words = strings[language];

  useEffect(() => {
    localStorage.setItem(languageKey, language);
    document.documentElement.lang = language;
    document.title = words.title;
  }, [language, words.title]);

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
        <label className="language">
          {words.language}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {l === 'en-US' ? 'English' : '简体中文'}
              </option>
            ))}
          </select>
        </label>
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
        {checked && !session && <SignInForm language={language} onSignedIn={setSession} />}
        {session && <Screens language={language} session={session} />}
      </main>
    </div>
  );
}

function SignInForm({ language, onSignedIn }: { language: Language; onSignedIn: (s: SignedIn) => void }) {
  const words = strings[language];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // A single sign-on that went wrong comes back as ?sso-error=<code>; say why, then tidy the address.
  const [ssoProblem] = useState(() => new URLSearchParams(window.location.search).get('sso-error') ?? undefined);
  const [problem, setProblem] = useState<string | undefined>(() => (ssoProblem === undefined ? undefined : (words.ssoProblems[ssoProblem] ?? words.failed)));
  const [sso, setSso] = useState(false);
  const ids = { user: useId(), password: useId(), problem: useId() };

  useEffect(() => {
    void singleSignOnEnabled().then(setSso);
    if (ssoProblem !== undefined) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }, [ssoProblem]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const result = await signIn(username.trim(), password);
    setBusy(false);
    if (result.kind === 'signed-in') {
      setPassword('');
      onSignedIn(result.session);
    } else if (result.kind === 'refused') setProblem(words.wrongCredentials);
    else if (result.kind === 'rate-limited') setProblem(words.tooManyAttempts(result.retryAfterSeconds));
    else if (result.kind === 'unavailable') setProblem(words.notAvailable);
    else setProblem(words.failed);
  }

  return (
    <form className="sign-in" onSubmit={(e) => void submit(e)} aria-describedby={problem ? ids.problem : undefined}>
      <h2>{words.signInTitle}</h2>
      {sso && (
        <>
          <a className="sso-sign-in" href={singleSignOnStart}>
            {words.signInWithMicrosoft}
          </a>
          <p className="hint">{words.orWithPassword}</p>
        </>
      )}
      <label htmlFor={ids.user}>{words.userName}</label>
      <input id={ids.user} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor={ids.password}>{words.password}</label>
      <input id={ids.password} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {problem && (
        <p id={ids.problem} className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? words.signingIn : words.signIn}
      </button>
      <p className="hint">{words.firstAdmin}</p>
    </form>
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
