import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { type ThreadDto, isMessageType } from '../protocol/dtos';
import { ChatContext, type ChatServices } from '../chat/ChatContext';
import { useChatSession } from '../chat/useChatSession';
import { ChatView } from '../components/chat/ChatView';
import type { CustomElementRegistry } from '../components/elements/customElements';
import { Header } from '../components/layout/Header';
import { ProfilePicker } from '../components/layout/ProfilePicker';
import { ThemeToggle } from '../components/layout/ThemeToggle';
import { AssistantsDialog } from '../components/assistants/AssistantsDialog';
import { UserMenu } from '../components/auth/UserMenu';
import { SettingsPanel } from '../components/settings/SettingsPanel';
import { ThreadSidebar } from '../components/threads/ThreadSidebar';
import { useTheme } from '../hooks/useTheme';
import { type ChatState, ROOT } from '../state/chatState';
import { ChatStore, useChatSelector } from '../state/chatStore';
import { get, listOf } from '../state/indexes';
import { threadIdFromUrl, threadUrl } from './routes';

interface ChatAppProps {
  api: ParleyApi;
  client: ParleyClient;
  config: ParleyConfig;
  base: string;
  customElements: CustomElementRegistry;
}

/** When the thread's last top-level message was created (the list is in time order), or null. */
function lastMessageTime(state: ChatState): string | null {
  const top = listOf(state.children, ROOT);
  for (let i = top.length - 1; i >= 0; i--) {
    const step = get(state.steps, top[i] ?? '');
    if (step !== undefined && isMessageType(step.type)) return step.createdAt;
  }
  return null;
}

/** The full-page app: history sidebar, header and chat, with the thread in the URL. */
export function ChatApp({ api, client, config, base, customElements }: ChatAppProps) {
  const [store] = useState(() => new ChatStore());
  const services = useMemo<ChatServices>(
    () => ({ store, client, api, base, limits: config.limits, customElements }),
    [store, client, api, base, config.limits, customElements],
  );
  const threadFromUrl = useCallback(() => {
    const threadId = threadIdFromUrl(base, window.location.href);
    return threadId === null ? {} : { threadId };
  }, [base]);
  const session = useChatSession(services, threadFromUrl);
  const { begin } = session;
  const [theme, toggleTheme] = useTheme();
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [assistantsOpen, setAssistantsOpen] = useState(false);

  const threadId = useChatSelector(store, (state) => state.threadId);
  const mode = useChatSelector(store, (state) => state.mode);
  const threadName = useChatSelector(store, (state) => state.threadName);
  const hasMessages = useChatSelector(store, (state) => listOf(state.children, ROOT).length > 0);
  const lastMessageAt = useChatSelector(store, lastMessageTime);
  const profiles = useChatSelector(store, (state) => state.profiles);
  const chatProfile = useChatSelector(store, (state) => state.chatProfile);
  const hasSettings = useChatSelector(store, (state) => state.settings.widgets.length > 0);
  const chatUser = useChatSelector(store, (state) => state.user);
  const user = config.user ?? chatUser;

  // Back and forward move between threads like pages.
  useEffect(() => {
    const onPopState = () => begin(threadFromUrl());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [begin, threadFromUrl]);

  // A new chat gets its thread's URL once it has a message, so a reload resumes it.
  useEffect(() => {
    if (threadId !== null && hasMessages && threadIdFromUrl(base, window.location.href) === null) {
      window.history.replaceState(null, '', threadUrl(base, threadId));
    }
  }, [base, threadId, hasMessages]);

  // A thread resumed from history (or from the URL) shows its name, which chat_started does not carry.
  useEffect(() => {
    if (mode !== 'resumed' || threadId === null || threadName !== null) return undefined;
    let cancelled = false;
    api.getThread(threadId).then(
      (detail) => {
        if (!cancelled && detail.thread.name) store.dispatch({ kind: 'thread_renamed', threadId, name: detail.thread.name });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, store, mode, threadId, threadName]);

  const openThread = useCallback(
    (id: string) => {
      setSidebarOpen(false);
      if (id === threadId) return;
      window.history.pushState(null, '', threadUrl(base, id));
      begin({ threadId: id });
    },
    [base, begin, threadId],
  );

  const newChat = useCallback(
    (profile?: string) => {
      setSidebarOpen(false);
      window.history.pushState(null, '', base);
      begin(profile === undefined ? {} : { chatProfile: profile });
    },
    [base, begin],
  );

  // Its last message's time: a new message moves the thread to the top of the history.
  const liveThread = useMemo<ThreadDto | null>(() => {
    if (threadId === null || !hasMessages) return null;
    const now = new Date().toISOString();
    return { id: threadId, name: threadName, createdAt: now, updatedAt: lastMessageAt ?? now };
  }, [threadId, threadName, hasMessages, lastMessageAt]);

  return (
    <ChatContext.Provider value={services}>
      <div className="parley-root app-layout" data-theme={theme} data-testid="parley-app">
        <ThreadSidebar
          api={api}
          activeThreadId={threadId}
          liveThread={liveThread}
          open={sidebarOpen}
          onOpenThread={openThread}
          onNewChat={() => newChat(chatProfile ?? undefined)}
          onClose={() => setSidebarOpen(false)}
          onActiveDeleted={() => newChat(chatProfile ?? undefined)}
          onRenamed={(id, name) => store.dispatch({ kind: 'thread_renamed', threadId: id, name })}
        />
        <main className="main-column">
          <Header
            title={threadName ?? config.appName}
            onOpenSidebar={() => setSidebarOpen(true)}
            onOpenSettings={hasSettings ? () => setSettingsOpen(true) : undefined}
          >
            <ProfilePicker profiles={profiles} current={chatProfile} onPick={newChat} />
            <ThemeToggle theme={theme} onToggle={toggleTheme} />
            {user && (
              <UserMenu
                user={user}
                auth={config.auth}
                api={api}
                base={base}
                onManageAssistants={() => setAssistantsOpen(true)}
              />
            )}
          </Header>
          <ChatView title={config.appName} status={session.status} onReconnect={session.reconnect} onNewChat={() => newChat(chatProfile ?? undefined)} />
        </main>
        {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
        {assistantsOpen && (
          <AssistantsDialog api={api} onClose={() => setAssistantsOpen(false)} onChanged={() => newChat(chatProfile ?? undefined)} />
        )}
      </div>
    </ChatContext.Provider>
  );
}
