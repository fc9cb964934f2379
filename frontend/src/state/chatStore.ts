import { useSyncExternalStore } from 'react';
import type { ParleyClient } from '../protocol/client';
import { type ChatAction, chatActionReducer } from './chatReducer';
import { type ChatState, initialChatState } from './chatState';

/**
 * Holds one chat's state outside React, so that each component subscribes to the slice it shows
 * (`useChatSelector`): a streamed token re-renders the streaming message, not the whole thread.
 */
export class ChatStore {
  private state: ChatState = initialChatState;
  private readonly listeners = new Set<() => void>();

  getState = (): ChatState => this.state;

  dispatch = (action: ChatAction): void => {
    const next = chatActionReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Feeds the client's event batches into this store; returns the unsubscribe function. */
  connect(client: ParleyClient): () => void {
    return client.onEvents((events) => this.dispatch({ kind: 'events', events }));
  }
}

/** Subscribes to a slice of the chat. The selector must return existing objects, not build new ones. */
export function useChatSelector<T>(store: ChatStore, selector: (state: ChatState) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
