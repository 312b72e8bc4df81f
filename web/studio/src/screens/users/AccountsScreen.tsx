import type { ScreenProps } from '../../screens';
import { TokensPanel } from './TokensPanel';
import { UsersPanel } from './UsersPanel';
import './users.css';

/** The Accounts screen: the users (admins only; the server refuses others anyway) and everyone's own API tokens. */
export function AccountsScreen(props: ScreenProps) {
  return (
    <div className="accounts">
      {props.session.role === 'admin' && <UsersPanel {...props} />}
      <TokensPanel {...props} />
    </div>
  );
}
