import { useCallback, useEffect, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { SessionDto } from '../../protocol/auth';
import { errorMessage } from '../../chat/ChatContext';
import { Dialog } from '../common/Dialog';
import { formatDateTime } from '../common/formatDate';

interface SessionsDialogProps {
  api: ParleyApi;
  onClose: () => void;
  /** This browser's session was revoked here: it is signed out. */
  onCurrentRevoked: () => void;
}

const MODE_LABELS: Record<string, string> = { accounts: 'password', password: 'password', oauth: 'single sign-on' };

/** The user's browser sessions (device, last seen, this one marked), each of which can be signed out. */
export function SessionsDialog({ api, onClose, onCurrentRevoked }: SessionsDialogProps) {
  const [sessions, setSessions] = useState<SessionDto[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listSessions().then(
      (list) => setSessions([...list].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))),
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [api]);
  useEffect(load, [load]);

  const revoke = async (session: SessionDto) => {
    setBusy(session.id);
    setProblem(null);
    try {
      await api.revokeSession(session.id);
      if (session.current) {
        onCurrentRevoked();
        return;
      }
      setSessions((current) => current?.filter((s) => s.id !== session.id) ?? null);
    } catch (error) {
      setProblem(errorMessage(error));
      load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog title="Active sessions" onClose={onClose} data-testid="sessions-dialog">
      <p className="muted">Browsers signed in to your account. Signing one out ends its chats there at once.</p>
      {problem && (
        <p className="error-text" role="alert" data-testid="sessions-error">
          {problem}
        </p>
      )}
      {sessions === null && !problem && <p role="status">Loading…</p>}
      {sessions && (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id} className="session-item" data-testid="session-item" data-session-id={session.id} data-current={session.current}>
              <div className="session-info">
                <strong>{session.device ?? 'Unknown browser'}</strong>
                {session.current && (
                  <span className="session-current" data-testid="session-current">
                    This browser
                  </span>
                )}
                <span className="muted">
                  Last active {formatDateTime(session.lastSeenAt)}
                  {session.ipAddress ? ` · ${session.ipAddress}` : ''}
                  {session.authMode && MODE_LABELS[session.authMode] ? ` · ${MODE_LABELS[session.authMode]}` : ''}
                </span>
                <span className="muted">Signed in {formatDateTime(session.createdAt)}</span>
              </div>
              <button
                type="button"
                className="secondary-button"
                data-testid="session-revoke"
                disabled={busy !== null}
                onClick={() => void revoke(session)}
              >
                {session.current ? 'Sign out' : 'Sign out this browser'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
