import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { AccountDto } from '../../protocol/auth';
import { errorMessage } from '../../chat/ChatContext';
import { Dialog } from '../common/Dialog';
import { formatDate, formatDateTime } from '../common/formatDate';
import { useReloadable } from '../../hooks/useReloadable';

interface UsersDialogProps {
  api: ParleyApi;
  /**
   * The signed-in administrator's identifier, which for a built-in account is its user name: their
   * own row offers no Disable (the server refuses it anyway, and it would lock them out).
   */
  currentUsername: string;
  onClose: () => void;
}

/** Administrators: the built-in accounts, each of which can be disabled (after a confirmation) or enabled again. */
export function UsersDialog({ api, currentUsername, onClose }: UsersDialogProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The user whose Disable waits for confirmation.
  const [confirming, setConfirming] = useState<string | null>(null);
  // The row whose first button takes the focus once rendered: its buttons were just replaced under the keyboard.
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const questionId = useId();

  const listUsers = useCallback(() => api.listUsers(), [api]);
  const { value: users, reload: load } = useReloadable(listUsers, setProblem);

  useEffect(() => {
    if (focusRow === null || list.current === null) return;
    const row = [...list.current.querySelectorAll<HTMLElement>('[data-testid="user-item"]')].find((item) => item.dataset.userId === focusRow);
    const button = row?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    if (button) button.focus();
    if (button || !row) setFocusRow(null);
  }, [focusRow, users, confirming, busy]);

  const ask = (account: AccountDto) => {
    setProblem(null);
    setConfirming(account.id);
    setFocusRow(account.id);
  };

  const cancel = (account: AccountDto) => {
    setConfirming(null);
    setFocusRow(account.id);
  };

  const change = async (account: AccountDto, disable: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      await (disable ? api.disableUser(account.id) : api.enableUser(account.id));
    } catch (error) {
      setProblem(errorMessage(error));
    }
    // Refreshed either way: after a refusal the list may be what changed (the user is gone, or enabled by someone else).
    setConfirming(null);
    await load();
    setBusy(false);
    setFocusRow(account.id);
  };

  // Escape backs out of the confirmation only; the dialog stays open.
  const onConfirmKeyDown = (event: KeyboardEvent, account: AccountDto) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    cancel(account);
  };

  return (
    <Dialog title="Users" onClose={onClose} data-testid="users-dialog">
      <p className="muted">Everyone with an account here. A disabled user cannot sign in; disabling ends their sessions and chats at once.</p>
      {problem && (
        <p className="error-text" role="alert" data-testid="users-error">
          {problem}
        </p>
      )}
      {users === null && !problem && <p role="status">Loading…</p>}
      {users && (
        <ul className="user-list" ref={list}>
          {users.map((account) => {
            const you = account.username === currentUsername;
            const named = !!account.displayName && account.displayName !== account.username;
            return (
              <li
                key={account.id}
                className="user-item"
                data-testid="user-item"
                data-user-id={account.id}
                data-username={account.username}
                data-disabled={account.disabled}
              >
                <div className="user-info">
                  <span className="user-names">
                    <strong>{named ? account.displayName : account.username}</strong>
                    {named && <span className="muted">{account.username}</span>}
                  </span>
                  {(you || account.isAdmin || account.disabled || account.lockedUntil) && (
                    <span className="user-badges">
                      {you && (
                        <span className="badge badge-accent" data-testid="user-badge" data-badge="you">
                          you
                        </span>
                      )}
                      {account.isAdmin && (
                        <span className="badge" data-testid="user-badge" data-badge="admin">
                          admin
                        </span>
                      )}
                      {account.disabled && (
                        <span className="badge badge-danger" data-testid="user-badge" data-badge="disabled">
                          disabled
                        </span>
                      )}
                      {account.lockedUntil && (
                        <span className="badge" data-testid="user-badge" data-badge="locked">
                          locked until {formatDateTime(account.lockedUntil)}
                        </span>
                      )}
                    </span>
                  )}
                  <span className="muted">Created {formatDate(account.createdAt)}</span>
                </div>
                {!you && confirming !== account.id && (
                  <button
                    type="button"
                    className="secondary-button"
                    data-testid={account.disabled ? 'user-enable' : 'user-disable'}
                    aria-label={`${account.disabled ? 'Enable' : 'Disable'} ${account.username}`}
                    disabled={busy}
                    onClick={() => (account.disabled ? void change(account, false) : ask(account))}
                  >
                    {account.disabled ? 'Enable' : 'Disable'}
                  </button>
                )}
                {confirming === account.id && (
                  <div
                    className="user-confirm"
                    role="group"
                    aria-labelledby={questionId}
                    data-testid="user-confirm"
                    onKeyDown={(event) => onConfirmKeyDown(event, account)}
                  >
                    <p id={questionId}>Disable {account.username}? Their sessions end now.</p>
                    <div className="dialog-buttons">
                      <button type="button" className="secondary-button" data-testid="user-confirm-cancel" disabled={busy} onClick={() => cancel(account)}>
                        Cancel
                      </button>
                      <button
                        type="button"
                        className="danger-button"
                        data-testid="user-confirm-disable"
                        disabled={busy}
                        onClick={() => void change(account, true)}
                      >
                        Disable
                      </button>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
