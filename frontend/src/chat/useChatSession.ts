import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionStatus, StartOptions } from '../protocol/client';
import { type ChatServices, errorMessage, sendOrReport } from './ChatContext';

export interface ChatSession {
  status: ConnectionStatus;
  /** Starts a new chat or resumes a thread; the old one is cleared at once. */
  begin: (options?: StartOptions) => void;
  /** Reconnects after automatic reconnection gave up. */
  reconnect: () => void;
}

export interface ChatSessionOptions {
  /**
   * When the first start names a thread the server refuses (deleted, another user's), start a new
   * chat instead of showing the error. The copilot uses it for the thread it remembered.
   */
  newChatIfResumeFails?: boolean;
}

/**
 * Connects the client, feeds its events into the store and starts the first chat with what
 * `firstStart` says (e.g. the thread in the URL). Closes the connection on unmount.
 */
export function useChatSession(services: ChatServices, firstStart: () => StartOptions, options: ChatSessionOptions = {}): ChatSession {
  const { client, store } = services;
  const [status, setStatus] = useState(client.status);
  const firstStartRef = useRef(firstStart);
  firstStartRef.current = firstStart;
  const newChatIfResumeFails = options.newChatIfResumeFails ?? false;

  const begin = useCallback(
    (options: StartOptions = {}) => {
      // Cleared before the server answers, so nothing of the old chat (its URL, its thread) lingers meanwhile.
      store.dispatch({ kind: 'reset' });
      void sendOrReport(services, (chatClient) => chatClient.start(options));
    },
    [services, store],
  );

  const connectAndStart = useCallback(
    (isCancelled: () => boolean) => {
      client.connect().then(
        () => {
          // A session that survived is re-attached by the client itself; otherwise start one.
          if (isCancelled() || store.getState().sessionId !== null) return;
          const first = firstStartRef.current();
          if (newChatIfResumeFails && first.threadId !== undefined) {
            const fallback = first.chatProfile === undefined ? {} : { chatProfile: first.chatProfile };
            store.dispatch({ kind: 'reset' });
            client.start(first).then(
              (ack) => {
                if (!ack.ok && !isCancelled()) begin(fallback);
              },
              () => {
                if (!isCancelled()) begin(fallback);
              },
            );
          } else {
            begin(first);
          }
        },
        (error: unknown) => {
          if (!isCancelled()) store.dispatch({ kind: 'client_error', code: 'connection', message: `Could not connect: ${errorMessage(error)}` });
        },
      );
    },
    [begin, client, store, newChatIfResumeFails],
  );

  useEffect(() => {
    let cancelled = false;
    const offEvents = store.connect(client);
    const offStatus = client.onStatus(setStatus);
    connectAndStart(() => cancelled);
    return () => {
      cancelled = true;
      offEvents();
      offStatus();
      void client.stop();
    };
  }, [client, store, connectAndStart]);

  const reconnect = useCallback(() => connectAndStart(() => false), [connectAndStart]);

  return { status, begin, reconnect };
}
