import { useChat } from '../../chat/ChatContext';

/** The server ended the session (sign-out elsewhere, revoked): the chat is read-only until a new one starts. */
export function SessionEndedBanner({ onNewChat }: { onNewChat: () => void }) {
  const ended = useChat((state) => state.ended);
  if (ended === null) return null;
  return (
    <div className="connection-banner ended" data-testid="session-ended" role="status">
      <span>This chat session has ended.</span>
      <button type="button" className="secondary-button" onClick={onNewChat}>
        Start a new chat
      </button>
    </div>
  );
}
