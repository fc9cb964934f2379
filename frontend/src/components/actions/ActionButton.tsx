import { memo, useState } from 'react';
import { get } from '../../state/indexes';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';

/** An action button; only its server-issued id travels back, never its payload. */
export const ActionButton = memo(function ActionButton({ id }: { id: string }) {
  const services = useChatServices();
  const action = useChat((state) => get(state.actions, id));
  const [busy, setBusy] = useState(false);
  if (action === undefined) return null;

  const onClick = async () => {
    setBusy(true);
    await sendOrReport(services, (client) => client.invokeAction(action.id));
    setBusy(false);
  };

  return (
    <button
      type="button"
      className="action-button"
      data-testid="action-button"
      data-action-id={action.id}
      title={action.tooltip ?? undefined}
      disabled={busy}
      onClick={() => void onClick()}
    >
      {action.label}
    </button>
  );
});
