import type { ConnectionStatus } from '../../protocol/client';

const MESSAGES: Partial<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  disconnected: 'Disconnected from the chat server.',
};

/** Says when the chat is not live; offers a retry once automatic reconnection gave up. */
export function ConnectionBanner({ status, onRetry }: { status: ConnectionStatus; onRetry: () => void }) {
  const message = MESSAGES[status];
  if (message === undefined) return null;
  return (
    <div className={`connection-banner ${status}`} data-testid="connection-status" data-status={status} role="status">
      <span>{message}</span>
      {status === 'disconnected' && (
        <button type="button" className="secondary-button" onClick={onRetry}>
          Reconnect
        </button>
      )}
    </div>
  );
}
