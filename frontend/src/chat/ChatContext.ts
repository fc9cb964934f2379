import { createContext, useContext } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { UploadLimits } from '../protocol/config';
import type { ClientAck } from '../protocol/messages';
import type { CustomElementRegistry } from '../components/elements/customElements';
import type { ChatState } from '../state/chatState';
import { type ChatStore, useChatSelector } from '../state/chatStore';

/** What chat components need besides the state. Every member is stable for the chat's lifetime. */
export interface ChatServices {
  store: ChatStore;
  client: ParleyClient;
  api: ParleyApi;
  /** The absolute base URL, ending in "/". */
  base: string;
  limits: UploadLimits;
  /** Components for custom elements, by name. */
  customElements: CustomElementRegistry;
}

export const ChatContext = createContext<ChatServices | null>(null);

export function useChatServices(): ChatServices {
  const services = useContext(ChatContext);
  if (services === null) throw new Error('Chat components must be rendered inside a ChatContext provider.');
  return services;
}

export function useChat<T>(selector: (state: ChatState) => T): T {
  return useChatSelector(useChatServices().store, selector);
}

/**
 * Sends a hub message and shows a refusal or a failure as a chat error, so that no button
 * click fails silently. Resolves to whether the server accepted it.
 */
export async function sendOrReport(services: ChatServices, send: (client: ParleyClient) => Promise<ClientAck>): Promise<boolean> {
  try {
    const ack = await send(services.client);
    if (!ack.ok) {
      services.store.dispatch({ kind: 'client_error', code: ack.code ?? 'refused', message: ack.message ?? 'The server refused the request.' });
    }
    return ack.ok;
  } catch (error) {
    services.store.dispatch({ kind: 'client_error', code: 'connection', message: errorMessage(error) });
    return false;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
