import { type DragEvent, useMemo, useState } from 'react';
import type { ConnectionStatus } from '../../protocol/client';
import { useAttachments } from '../../files/useAttachments';
import { ROOT } from '../../state/chatState';
import { listOf } from '../../state/indexes';
import { useChat, useChatServices } from '../../chat/ChatContext';
import { AskPrompt } from '../ask/AskPrompt';
import { Composer } from '../composer/Composer';
import { ElementPanel } from '../elements/ElementPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { EmptyChat } from './EmptyChat';
import { ErrorList } from './ErrorList';
import { MessageList } from './MessageList';
import { SessionEndedBanner } from './SessionEndedBanner';

interface ChatViewProps {
  title: string;
  status: ConnectionStatus;
  onReconnect: () => void;
  onNewChat: () => void;
}

/** The chat column: messages (or the welcome), pending ask, and composer. Shared by the app and the copilot. */
export function ChatView({ title, status, onReconnect, onNewChat }: ChatViewProps) {
  const { api, limits } = useChatServices();
  const started = useChat((state) => state.sessionId !== null);
  const isEmpty = useChat((state) => listOf(state.children, ROOT).length === 0);
  const ended = useChat((state) => state.ended !== null);
  const fileLimits = useMemo(
    () => ({ maxBytes: limits.maxUploadBytes, maxFiles: limits.maxFilesPerMessage, accept: limits.acceptedTypes }),
    [limits],
  );
  const attachments = useAttachments(api, fileLimits);
  const [dragging, setDragging] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    attachments.add(Array.from(event.dataTransfer.files));
  };

  return (
    <div
      className={`chat-view${dragging ? ' dragging' : ''}`}
      data-testid="chat-view"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <ConnectionBanner status={status} onRetry={onReconnect} />
      <SessionEndedBanner onNewChat={onNewChat} />
      {isEmpty && started ? <EmptyChat title={title} /> : <MessageList />}
      <div className="chat-footer">
        <ErrorList />
        <AskPrompt />
        <Composer attachments={attachments} disabled={!started || ended || status === 'disconnected'} />
      </div>
      <ElementPanel />
    </div>
  );
}
