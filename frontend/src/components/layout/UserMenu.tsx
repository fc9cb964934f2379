import type { UserDto } from '../../protocol/dtos';
import { safeUrl } from '../../protocol/base';

interface UserMenuProps {
  user: UserDto;
  logoutUrl: string | null | undefined;
  base: string;
}

/** The signed-in user and the way out. A <details> menu works with keyboard and screen readers without scripting. */
export function UserMenu({ user, logoutUrl, base }: UserMenuProps) {
  const name = user.displayName || user.identifier;
  const signOut = safeUrl(logoutUrl, base);
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary aria-label={`Account: ${name}`}>
        <span className="avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
      </summary>
      <div className="menu">
        <p data-testid="user-name">
          <strong>{name}</strong>
          {user.displayName && user.displayName !== user.identifier && <span className="muted">{user.identifier}</span>}
        </p>
        {signOut && (
          <a href={signOut} data-testid="sign-out-link">
            Sign out
          </a>
        )}
      </div>
    </details>
  );
}
