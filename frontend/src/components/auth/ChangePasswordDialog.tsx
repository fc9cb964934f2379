import { type FormEvent, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import { Dialog } from '../common/Dialog';
import { passwordProblem } from './authMessages';

/** Changes a built-in account's password. The server ends every other session of the user. */
export function ChangePasswordDialog({ api, onClose }: { api: ParleyApi; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) {
      setProblem('The new passwords do not match.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.changePassword(current, next);
      setDone(true);
    } catch (error) {
      setProblem(passwordProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Change password" onClose={onClose} data-testid="password-dialog">
      {done ? (
        <>
          <p role="status" data-testid="password-done">
            Your password was changed. Every other browser signed in to your account was signed out.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="primary-button" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form className="login-form" onSubmit={(event) => void onSubmit(event)}>
          <label>
            Current password
            <input
              type="password"
              autoComplete="current-password"
              data-testid="password-current"
              required
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
            />
          </label>
          <label>
            New password
            <input
              type="password"
              autoComplete="new-password"
              minLength={8}
              maxLength={1024}
              data-testid="password-new"
              required
              value={next}
              onChange={(event) => setNext(event.currentTarget.value)}
            />
          </label>
          <label>
            New password, again
            <input
              type="password"
              autoComplete="new-password"
              data-testid="password-confirm"
              required
              value={confirm}
              onChange={(event) => setConfirm(event.currentTarget.value)}
            />
          </label>
          {problem && (
            <p className="error-text" role="alert" data-testid="password-error">
              {problem}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="secondary-button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary-button" data-testid="password-submit" disabled={busy}>
              Change password
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
