import { useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';

/** Errors for the user, each dismissible. */
export function ErrorList() {
  const { store } = useChatServices();
  const errors = useChat((state) => state.errors);
  if (errors.length === 0) return null;
  return (
    <div className="error-list" role="alert">
      {errors.map((error) => (
        <div key={error.id} className="error-banner" data-testid="error-banner" data-code={error.code}>
          <span>{error.message}</span>
          <IconButton icon="close" label="Dismiss" onClick={() => store.dispatch({ kind: 'dismiss_error', id: error.id })} />
        </div>
      ))}
    </div>
  );
}
