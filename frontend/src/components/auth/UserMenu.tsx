import { useEffect, useRef, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import { SESSION_MODES, isGuest } from '../../protocol/auth';
import { type AuthConfig, registrationOf } from '../../protocol/config';
import type { UserDto } from '../../protocol/dtos';
import { errorMessage } from '../../chat/ChatContext';
import { loginUrl } from '../../app/routes';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { InviteDialog } from './InviteDialog';
import { SessionsDialog } from './SessionsDialog';
import { UsersDialog } from './UsersDialog';
import { afterSignOutUrl, signOut } from './signOut';

interface UserMenuProps {
  user: UserDto;
  auth: AuthConfig;
  api: ParleyApi;
  base: string;
  /** Where the browser goes after signing out; a full page load by default, so nothing of the old user stays in memory. */
  navigate?: (url: string) => void;
  /**
   * Opens the assistants dialog. "Assistants…" shows only where `api/assistants` answers, which the
   * menu asks when it first opens (not on page load, so other apps see no failed request unprompted).
   */
  onManageAssistants?: () => void;
}

type DialogName = 'sessions' | 'password' | 'invite' | 'users';

/**
 * The account menu: who is signed in, their sessions, sign out (here or everywhere), password, and
 * for administrators invites and users. A guest gets a way to sign in instead; users of the proxy or the host app sign out there.
 */
export function UserMenu({ user, auth, api, base, navigate = (url) => window.location.assign(url), onManageAssistants }: UserMenuProps) {
  const name = user.displayName || user.identifier;
  const guest = isGuest(user);
  const sessionModes = auth.modes.some((mode) => SESSION_MODES.includes(mode));
  const hasSession = sessionModes && !guest;
  const accounts = auth.modes.includes('accounts');
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // How this browser signed in (from its session): only a built-in account has a password to change.
  const [signedInWith, setSignedInWith] = useState<string | null | undefined>(undefined);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [assistants, setAssistants] = useState<boolean | undefined>(undefined);

  useEffect(() => {
    if (!open || onManageAssistants === undefined || assistants !== undefined) return;
    setAssistants(false);
    api.listAssistants().then(
      () => setAssistants(true),
      () => setAssistants(false),
    );
  }, [open, onManageAssistants, assistants, api]);

  useEffect(() => {
    if (!open || !hasSession || !accounts || signedInWith !== undefined) return;
    api.listSessions().then(
      (sessions) => setSignedInWith(sessions.find((session) => session.current)?.authMode ?? null),
      () => setSignedInWith(null),
    );
  }, [open, hasSession, accounts, signedInWith, api]);

  // A click anywhere else, or Escape, closes the menu, as menus do.
  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (menu.current && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && menu.current) menu.current.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const show = (name: DialogName) => {
    if (menu.current) menu.current.open = false;
    setDialog(name);
  };

  const leave = async (action: () => Promise<string>) => {
    setBusy(true);
    setProblem(null);
    try {
      navigate(await action());
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <>
      <details className="user-menu" data-testid="user-menu" ref={menu} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary aria-label={`Account: ${name}`}>
          <span className="avatar" aria-hidden="true">
            {name.slice(0, 1).toUpperCase()}
          </span>
        </summary>
        <div className="menu">
          <p data-testid="user-name">
            <strong>{name}</strong>
            {!guest && user.displayName && user.displayName !== user.identifier && <span className="muted">{user.identifier}</span>}
          </p>
          {guest && sessionModes && (
            <a className="menu-item" href={loginUrl(base, window.location.href)} data-testid="sign-in-link">
              Sign in
            </a>
          )}
          {onManageAssistants && assistants === true && (
            <button
              type="button"
              className="menu-item"
              data-testid="assistants-button"
              onClick={() => {
                if (menu.current) menu.current.open = false;
                onManageAssistants();
              }}
            >
              Assistants…
            </button>
          )}
          {hasSession && (
            <>
              <button type="button" className="menu-item" data-testid="sessions-button" onClick={() => show('sessions')}>
                Active sessions…
              </button>
              {signedInWith === 'accounts' && (
                <button type="button" className="menu-item" data-testid="change-password-button" onClick={() => show('password')}>
                  Change password…
                </button>
              )}
              {auth.isAdmin && accounts && registrationOf(auth) === 'invite' && (
                <button type="button" className="menu-item" data-testid="invite-button" onClick={() => show('invite')}>
                  Invite someone…
                </button>
              )}
              {auth.isAdmin && accounts && (
                <button type="button" className="menu-item" data-testid="users-button" onClick={() => show('users')}>
                  Users…
                </button>
              )}
              <hr />
              <button
                type="button"
                className="menu-item"
                data-testid="sign-out-button"
                disabled={busy}
                onClick={() => void leave(() => signOut(api, auth, base))}
              >
                Sign out
              </button>
              <button
                type="button"
                className="menu-item"
                data-testid="sign-out-everywhere-button"
                disabled={busy}
                onClick={() =>
                  void leave(async () => {
                    await api.logoutAll();
                    return afterSignOutUrl(auth, base);
                  })
                }
              >
                Sign out everywhere
              </button>
            </>
          )}
          {problem && (
            <p className="error-text" role="alert" data-testid="user-menu-error">
              {problem}
            </p>
          )}
        </div>
      </details>
      {dialog === 'sessions' && (
        <SessionsDialog api={api} onClose={() => setDialog(null)} onCurrentRevoked={() => navigate(afterSignOutUrl(auth, base))} />
      )}
      {dialog === 'password' && <ChangePasswordDialog api={api} onClose={() => setDialog(null)} />}
      {dialog === 'invite' && <InviteDialog api={api} base={base} onClose={() => setDialog(null)} />}
      {dialog === 'users' && <UsersDialog api={api} currentUsername={user.identifier} onClose={() => setDialog(null)} />}
    </>
  );
}
