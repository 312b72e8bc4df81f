import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { currentSession, publishedTopics, signIn, signOut } from './api';
import type { SignedIn, TopicSummary } from './api';
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
        {session && <FlowsList language={language} />}
        {session && (
          <section className="coming" aria-labelledby="coming-title">
            <h2 id="coming-title">{words.comingTitle}</h2>
            <p>{words.coming}</p>
            <pre>{'npm run flows -- publish content/flows --by <you>\nnpm run content -- publish routing --by <you>'}</pre>
          </section>
        )}
      </main>
    </div>
  );
}

function SignInForm({ language, onSignedIn }: { language: Language; onSignedIn: (s: SignedIn) => void }) {
  const words = strings[language];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const ids = { user: useId(), password: useId(), problem: useId() };

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

/** The published topics: name in the chosen language, trigger, file. */
function FlowsList({ language }: { language: Language }) {
  const words = strings[language];
  const [flows, setFlows] = useState<{ version: string | null; topics: TopicSummary[] } | undefined | 'failed'>();
  useEffect(() => {
    void publishedTopics().then((found) => setFlows(found ?? 'failed'));
  }, []);
  if (flows === undefined) return null;
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
