/** The sign-in form of the bot's pages (studio, agent workspace): user name and password, and optionally "Sign in with Microsoft". */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { signIn, singleSignOnEnabled, singleSignOnStart } from './session';
import type { SignedIn } from './session';

/** The texts the form shows, in the page's language. */
export interface SignInWords {
  readonly signInTitle: string;
  readonly userName: string;
  readonly password: string;
  readonly signIn: string;
  readonly signingIn: string;
  readonly wrongCredentials: string;
  readonly tooManyAttempts: (seconds: number) => string;
  readonly notAvailable: string;
  readonly failed: string;
  /** A hint under the button (who makes accounts). */
  readonly firstAdmin: string;
  readonly signInWithMicrosoft: string;
  readonly orWithPassword: string;
  /** What a `?sso-error=<code>` means. */
  readonly ssoProblems: Readonly<Record<string, string>>;
}

/** Signs in; offers single sign-on when `singleSignOn` is true and the server has it enabled. */
export function SignInForm({ words, singleSignOn, onSignedIn }: { words: SignInWords; singleSignOn: boolean; onSignedIn: (s: SignedIn) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // A single sign-on that went wrong comes back as ?sso-error=<code>; say why, then tidy the address.
  const [ssoProblem] = useState(() => (singleSignOn ? (new URLSearchParams(window.location.search).get('sso-error') ?? undefined) : undefined));
  const [problem, setProblem] = useState<string | undefined>(() => (ssoProblem === undefined ? undefined : (words.ssoProblems[ssoProblem] ?? words.failed)));
  const [sso, setSso] = useState(false);
  const ids = { user: useId(), password: useId(), problem: useId() };

  useEffect(() => {
    if (singleSignOn) void singleSignOnEnabled().then(setSso);
    if (ssoProblem !== undefined) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }, [singleSignOn, ssoProblem]);

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
