import { assertNever } from '../../protocol/events';
import { useChat } from '../../chat/ChatContext';
import { AskActions } from './AskActions';
import { AskCountdown } from './AskCountdown';
import { AskFiles } from './AskFiles';

/** A pending ask, shown above the composer. A text ask is answered with the composer itself. */
export function AskPrompt() {
  const ask = useChat((state) => state.ask);
  if (ask === null) return null;

  let body;
  switch (ask.kind) {
    case 'text':
      body = <p className="muted">Type your answer below.</p>;
      break;
    case 'files':
      body = <AskFiles key={ask.askId} ask={ask} />;
      break;
    case 'action':
      body = <AskActions ask={ask} />;
      break;
    default:
      return assertNever(ask.kind);
  }

  return (
    <section className="ask-prompt" data-testid="ask-prompt" data-ask-kind={ask.kind} aria-label="The assistant is waiting for your answer">
      <div className="ask-header">
        <strong>Waiting for your answer</strong>
        <AskCountdown askId={ask.askId} timeoutMs={ask.timeoutMs} />
      </div>
      {body}
    </section>
  );
}
