import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ScreenProps } from '../../screens';
import { tokensApi } from './usersApi';
import type { TokenRow } from './usersApi';
import { usersStrings } from './usersStrings';
import { NoticeLine } from './NoticeLine';
import type { Notice } from './NoticeLine';

const lifetimes = [0, 30, 90, 365] as const;

/** Everyone: their own API tokens; a new one is shown once, right after it is made. */
export function TokensPanel({ language, session }: ScreenProps) {
  const words = usersStrings[language];
  const [tokens, setTokens] = useState<TokenRow[] | 'failed' | undefined>();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [fresh, setFresh] = useState<{ name: string; token: string } | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const [copied, setCopied] = useState(false);
  const ids = { name: useId(), days: useId(), token: useId(), intro: useId() };
  const when = (iso: string | null, none: string): string => (iso ? new Date(iso).toLocaleString(language) : none);

  const reload = useCallback(async () => {
    const found = await tokensApi.list(session);
    setTokens(found.ok ? found.value.tokens : 'failed');
  }, [session]);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    const made = await tokensApi.create(session, name.trim(), days || undefined);
    if (made.ok) {
      setFresh({ name: made.value.name, token: made.value.token });
      setCopied(false);
      setNotice(undefined);
      setName('');
    } else setNotice({ kind: 'problem', code: made.code });
    await reload();
  }

  async function revoke(token: TokenRow): Promise<void> {
    const done = await tokensApi.revoke(session, token.id);
    setNotice(done.ok ? { kind: 'done', say: (w) => w.revoked(token.name) } : { kind: 'problem', code: done.code });
    await reload();
  }

  return (
    <section className="accounts-panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{words.tokensTitle}</h2>
      <p id={ids.intro} className="hint">
        {words.tokensIntro}
      </p>
      <form className="accounts-form accounts-row" onSubmit={(e) => void create(e)} aria-describedby={ids.intro}>
        <label htmlFor={ids.name}>{words.tokenName}</label>
        <input id={ids.name} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={ids.days}>{words.tokenExpiry}</label>
        <select id={ids.days} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {lifetimes.map((d) => (
            <option key={d} value={d}>
              {d === 0 ? words.never : words.days(d)}
            </option>
          ))}
        </select>
        <button type="submit">{words.createToken}</button>
      </form>
      {fresh && (
        <div className="accounts-fresh" role="status">
          <label htmlFor={ids.token}>
            {words.newToken} ({fresh.name}). {words.copyNow}
          </label>
          <div className="accounts-row">
            <input id={ids.token} readOnly value={fresh.token} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void navigator.clipboard?.writeText(fresh.token).then(() => setCopied(true), () => setCopied(false))}>
              {words.copy}
            </button>
            <button type="button" onClick={() => setFresh(undefined)}>
              {words.done}
            </button>
            {copied && <span>{words.copied}</span>}
          </div>
        </div>
      )}
      <NoticeLine notice={notice} language={language} />
      {tokens === undefined && <p aria-busy="true">…</p>}
      {tokens === 'failed' && <p role="alert">{words.tokensUnavailable}</p>}
      {Array.isArray(tokens) && tokens.length === 0 && <p>{words.noTokens}</p>}
      {Array.isArray(tokens) && tokens.length > 0 && (
        <table className="accounts-table">
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.created}</th>
              <th scope="col">{words.lastUsed}</th>
              <th scope="col">{words.expires}</th>
              <th scope="col">{words.actions}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td>{when(t.createdAt, '')}</td>
                <td>{when(t.lastUsedAt, words.notUsed)}</td>
                <td>{when(t.expiresAt, words.never)}</td>
                <td>
                  <button type="button" aria-label={words.revokeToken(t.name)} onClick={() => void revoke(t)}>
                    {words.revoke}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
