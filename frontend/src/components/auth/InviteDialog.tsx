import { useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { InviteDto } from '../../protocol/auth';
import { errorMessage } from '../../chat/ChatContext';
import { Dialog } from '../common/Dialog';

/** Administrators: creates a single-use invite code (registration by invite) and shows it with a link to register. */
export function InviteDialog({ api, base, onClose }: { api: ParleyApi; base: string; onClose: () => void }) {
  const [invite, setInvite] = useState<InviteDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setInvite(await api.createInvite());
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const link = invite ? `${base}login?invite=${encodeURIComponent(invite.code)}` : null;
  return (
    <Dialog title="Invite someone" onClose={onClose} data-testid="invite-dialog">
      <p className="muted">An invite code lets one person create an account. Only you see it: the server keeps a hash.</p>
      {invite && link ? (
        <div className="invite">
          <code className="invite-code" data-testid="invite-code">
            {invite.code}
          </code>
          <p className="muted">
            Valid until {new Date(invite.expiresAt).toLocaleString()}. Send it, or this link:{' '}
            <a href={link} data-testid="invite-link">
              {link}
            </a>
          </p>
        </div>
      ) : (
        <div className="dialog-buttons">
          <button type="button" className="primary-button" data-testid="invite-create" disabled={busy} onClick={() => void create()}>
            Create an invite code
          </button>
        </div>
      )}
      {problem && (
        <p className="error-text" role="alert" data-testid="invite-error">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
