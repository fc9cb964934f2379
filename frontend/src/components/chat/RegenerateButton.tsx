import type { StepDto } from '../../protocol/dtos';
import { listOf } from '../../state/indexes';
import type { ChatState } from '../../state/chatState';
import { ROOT } from '../../state/chatState';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';

/**
 * The id of the message that carries "Regenerate": the thread's last assistant message, nested ones
 * included, or an error message after it that answers a user message (a model that failed leaves
 * no reply to regenerate, only its error). Null when there is neither.
 */
export function lastReplyId(state: ChatState): string | null {
  let last: string | null = null;
  let askedBefore = false;
  const walk = (parentId: string) => {
    for (const id of listOf(state.children, parentId)) {
      const step = state.steps[id];
      if (step?.type === 'user_message') askedBefore = true;
      if (step?.type === 'assistant_message' || (step?.type === 'system_message' && step.isError && askedBefore)) last = id;
      walk(id);
    }
  };
  walk(ROOT);
  return last;
}

/** "Regenerate" on the last reply (or "Try again" on the error in its place): answers the last user message again. Hidden while a reply runs. */
export function RegenerateButton({ step }: { step: StepDto }) {
  const services = useChatServices();
  const isLast = useChat((state) => lastReplyId(state) === step.id);
  const running = useChat((state) => state.running);
  const ended = useChat((state) => state.ended !== null);
  if (!isLast || running || ended || step.streaming) return null;
  return (
    <IconButton
      icon="refresh"
      label={step.isError ? 'Try again' : 'Regenerate'}
      className="regenerate-button"
      data-testid="regenerate-button"
      onClick={() => void sendOrReport(services, (client) => client.regenerate())}
    />
  );
}
