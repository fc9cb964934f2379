import { useEffect, useMemo } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { ChatContext, type ChatServices } from '../chat/ChatContext';
import { useChatSession } from '../chat/useChatSession';
import { ChatView } from '../components/chat/ChatView';
import { IconButton } from '../components/common/IconButton';
import type { CustomElementRegistry } from '../components/elements/customElements';
import { ROOT } from '../state/chatState';
import { type ChatStore, useChatSelector } from '../state/chatStore';
import { listOf } from '../state/indexes';
import type { ThreadMemory } from './threadMemory';

interface CopilotChatProps {
  api: ParleyApi;
  client: ParleyClient;
  store: ChatStore;
  base: string;
  config: ParleyConfig;
  customElements: CustomElementRegistry;
  /** Where the current thread is remembered across reloads; null to always start fresh. */
  memory: ThreadMemory | null;
  title: string;
  onClose: () => void;
}

/** The chat inside the copilot panel: the remembered thread (or a new chat), no history sidebar. */
export function CopilotChat({ api, client, store, base, config, customElements, memory, title, onClose }: CopilotChatProps) {
  const services = useMemo<ChatServices>(
    () => ({ store, client, api, base, limits: config.limits, customElements }),
    [store, client, api, base, config.limits, customElements],
  );
  const session = useChatSession(
    services,
    () => {
      const threadId = memory?.get();
      return threadId ? { threadId } : {};
    },
    { newChatIfResumeFails: true },
  );
  const threadId = useChatSelector(store, (state) => state.threadId);
  const hasMessages = useChatSelector(store, (state) => listOf(state.children, ROOT).length > 0);

  useEffect(() => {
    if (memory !== null && threadId !== null && hasMessages) memory.set(threadId);
  }, [memory, threadId, hasMessages]);

  const newChat = () => {
    memory?.clear();
    session.begin();
  };

  return (
    <ChatContext.Provider value={services}>
      <header className="app-header">
        <h1 className="app-title" data-testid="chat-title">
          {title}
        </h1>
        <div className="header-tools">
          <IconButton icon="plus" label="New chat" data-testid="new-chat-button" onClick={newChat} />
          <IconButton icon="close" label="Close chat" data-testid="copilot-close" onClick={onClose} />
        </div>
      </header>
      <ChatView title={title} status={session.status} onReconnect={session.reconnect} onNewChat={newChat} />
    </ChatContext.Provider>
  );
}
