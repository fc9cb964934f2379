import type { StepDto } from '../../protocol/dtos';
import { listOf } from '../../state/indexes';
import type { ChatState } from '../../state/chatState';
import { ROOT } from '../../state/chatState';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';

/** The id of the last assistant message of the thread, nested ones included, or null. */
export function lastAssistantMessageId(state: ChatState): string | null {
  let last: string | null = null;
  const walk = (parentId: string) => {
    for (const id of listOf(state.children, parentId)) {
      if (state.steps[id]?.type === 'assistant_message') last = id;
      walk(id);
    }
  };
  walk(ROOT);
  return last;
}

/** "Regenerate" on the last assistant reply: answers the last user message again. Hidden while a reply runs. */
export function RegenerateButton({ step }: { step: StepDto }) {
  const services = useChatServices();
  const isLast = useChat((state) => lastAssistantMessageId(state) === step.id);
  const running = useChat((state) => state.running);
  const ended = useChat((state) => state.ended !== null);
  if (!isLast || running || ended || step.streaming) return null;
  return (
    <IconButton
      icon="refresh"
      label="Regenerate"
      className="regenerate-button"
      data-testid="regenerate-button"
      onClick={() => void sendOrReport(services, (client) => client.regenerate())}
    />
  );
}
