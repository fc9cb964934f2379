import { useMemo, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { ChatContext, type ChatServices } from '../chat/ChatContext';
import { useChatSession } from '../chat/useChatSession';
import { ChatView } from '../components/chat/ChatView';
import { IconButton } from '../components/common/IconButton';
import { ChatStore } from '../state/chatStore';

interface CopilotChatProps {
  api: ParleyApi;
  client: ParleyClient;
  base: string;
  config: ParleyConfig;
  title: string;
  onClose: () => void;
}

/** The chat inside the copilot panel: always a fresh chat, no history sidebar. */
export function CopilotChat({ api, client, base, config, title, onClose }: CopilotChatProps) {
  const [store] = useState(() => new ChatStore());
  const services = useMemo<ChatServices>(
    () => ({ store, client, api, base, limits: config.limits }),
    [store, client, api, base, config.limits],
  );
  const session = useChatSession(services, () => ({}));

  return (
    <ChatContext.Provider value={services}>
      <header className="app-header">
        <h1 className="app-title">{title}</h1>
        <div className="header-tools">
          <IconButton icon="plus" label="New chat" data-testid="new-chat-button" onClick={() => session.begin()} />
          <IconButton icon="close" label="Close chat" onClick={onClose} />
        </div>
      </header>
      <ChatView title={title} status={session.status} onReconnect={session.reconnect} onNewChat={() => session.begin()} />
    </ChatContext.Provider>
  );
}
