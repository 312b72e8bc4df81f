import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ScreenProps } from '../../screens';
import type { Language } from '../../strings';
import { allRoles, usersApi } from './usersApi';
import type { Outcome, UserRow } from './usersApi';
import { roleName, usersStrings } from './usersStrings';
import { NoticeLine } from './NoticeLine';
import type { Notice, UsersWords } from './NoticeLine';

/** Admins: every user, with their role, status and the changes an admin makes; and a form to add one. */
export function UsersPanel({ language, session }: ScreenProps) {
  const words = usersStrings[language];
  const [users, setUsers] = useState<UserRow[] | 'failed' | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const reload = useCallback(async () => {
    const found = await usersApi.list(session);
    setUsers(found.ok ? found.value.users : 'failed');
  }, [session]);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Shows what `outcome` came to (`done` words it on success) and reloads the list. */
  async function settle<T>(outcome: Outcome<T>, done: (words: UsersWords, value: T, language: Language) => string): Promise<boolean> {
    setNotice(outcome.ok ? { kind: 'done', say: (w, l) => done(w, outcome.value, l) } : { kind: 'problem', code: outcome.code });
    await reload();
    return outcome.ok;
  }

  return (
    <section className="accounts-panel" aria-labelledby="users-title">
      <h2 id="users-title">{words.usersTitle}</h2>
      {users === undefined && <p aria-busy="true">…</p>}
      {users === 'failed' && <p role="alert">{words.usersUnavailable}</p>}
      {Array.isArray(users) && (
        <table className="accounts-table">
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.role}</th>
              <th scope="col">{words.status}</th>
              <th scope="col">{words.updated}</th>
              <th scope="col">{words.actions}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserLine key={u.name} user={u} self={u.name === session.user} language={language} session={session} settle={settle} />
            ))}
          </tbody>
        </table>
      )}
      <NoticeLine notice={notice} language={language} />
      <AddUserForm language={language} session={session} settle={settle} />
    </section>
  );
}

interface LineProps extends ScreenProps {
  readonly user: UserRow;
  readonly self: boolean;
  readonly settle: <T>(outcome: Outcome<T>, done: (words: UsersWords, value: T, language: Language) => string) => Promise<boolean>;
}

function UserLine({ user, self, language, session, settle }: LineProps) {
  const words = usersStrings[language];
  const [role, setRole] = useState(user.role);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const ids = { role: useId(), password: useId() };
  useEffect(() => setRole(user.role), [user.role]);

  async function changeRole(): Promise<void> {
    const changed = await settle(await usersApi.change(session, user.name, { role }), (w, v, l) => w.roleChanged(v.user.name, roleName(l, v.user.role)));
    if (!changed) setRole(user.role);
  }

  async function resetPassword(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await settle(await usersApi.resetPassword(session, user.name, password), (w) => w.passwordSet(user.name))) {
      setPassword('');
      setResetting(false);
    }
  }

  return (
    <tr className={user.disabled ? 'accounts-disabled' : undefined}>
      <th scope="row">
        {user.name} {self && <span className="accounts-you">{words.you}</span>}
      </th>
      <td>
        <label className="accounts-hidden-label" htmlFor={ids.role}>
          {words.roleOf(user.name)}
        </label>
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value)}>
          {allRoles.map((r) => (
            <option key={r} value={r}>
              {roleName(language, r)}
            </option>
          ))}
        </select>{' '}
        {role !== user.role && (
          <button type="button" onClick={() => void changeRole()}>
            {words.changeRole}
          </button>
        )}
      </td>
      <td>{user.disabled ? words.disabled : words.active}</td>
      <td>{new Date(user.updatedAt).toLocaleString(language)}</td>
      <td>
        <div className="accounts-actions">
          {!self && (
            <button
              type="button"
              onClick={() =>
                void usersApi.change(session, user.name, { disabled: !user.disabled }).then((o) => settle(o, (w, v) => (v.user.disabled ? w.disabledDone(v.user.name) : w.enabledDone(v.user.name))))
              }
            >
              {user.disabled ? words.enable : words.disable}
            </button>
          )}
          {!resetting && !user.sso && (
            <button type="button" onClick={() => setResetting(true)}>
              {words.resetPassword}
            </button>
          )}
          {resetting && (
            <form className="accounts-inline" onSubmit={(e) => void resetPassword(e)}>
              <label htmlFor={ids.password}>{words.newPasswordFor(user.name)}</label>
              <input id={ids.password} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
              <button type="submit">{words.setPassword}</button>
              <button type="button" onClick={() => setResetting(false)}>
                {words.cancel}
              </button>
            </form>
          )}
        </div>
      </td>
    </tr>
  );
}

function AddUserForm({ language, session, settle }: ScreenProps & Pick<LineProps, 'settle'>) {
  const words = usersStrings[language];
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('viewer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), role: useId(), password: useId(), rule: useId() };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const ok = await settle(await usersApi.add(session, { name: name.trim(), role, password }), (w, v) => w.added(v.user.name));
    setBusy(false);
    if (ok) {
      setName('');
      setPassword('');
    }
  }

  return (
    <form className="accounts-form" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{words.addUser}</legend>
        <label htmlFor={ids.name}>{words.userName}</label>
        <input id={ids.name} autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={ids.role}>{words.role}</label>
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value)}>
          {allRoles.map((r) => (
            <option key={r} value={r}>
              {roleName(language, r)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.password}>{words.password}</label>
        <input id={ids.password} type="password" autoComplete="new-password" required aria-describedby={ids.rule} value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={busy}>
          {words.add}
        </button>
        <p id={ids.rule} className="hint">
          {words.passwordRule}
        </p>
      </fieldset>
    </form>
  );
}
