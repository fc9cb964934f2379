import { useState } from 'react';
import type { PendingAsk } from '../../protocol/events';
import { sendOrReport, useChatServices } from '../../chat/ChatContext';

/** The choice of actions an ask offers; a click answers the ask. */
export function AskActions({ ask }: { ask: PendingAsk }) {
  const services = useChatServices();
  const [busy, setBusy] = useState(false);

  const choose = async (actionId: string) => {
    setBusy(true);
    await sendOrReport(services, (client) => client.answerAsk(ask.askId, { actionId }));
    setBusy(false);
  };

  return (
    <div className="action-bar" role="group" aria-label="Choose an answer">
      {(ask.actions ?? []).map((action) => (
        <button
          key={action.id}
          type="button"
          className="action-button"
          data-testid="ask-action"
          data-action-id={action.id}
          title={action.tooltip ?? undefined}
          disabled={busy}
          onClick={() => void choose(action.id)}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
