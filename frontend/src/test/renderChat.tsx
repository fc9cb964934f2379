// Renders chat components the way the app does: inside a ChatContext with a real store and a
// real ParleyClient, talking to a FakeConnection instead of a server.
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ChatContext, type ChatServices } from '../chat/ChatContext';
import { ParleyApi } from '../protocol/api';
import { ParleyClient } from '../protocol/client';
import type { UploadLimits } from '../protocol/config';
import type { ServerEvent } from '../protocol/events';
import { CustomElementRegistry } from '../components/elements/customElements';
import { ChatStore } from '../state/chatStore';
import { FakeConnection } from './fakeConnection';
import { chatStarted } from './fixtures';

export const BASE = 'https://chat.example.com/';

export const defaultLimits: UploadLimits = {
  maxMessageChars: 200,
  maxUploadBytes: 1000,
  maxFilesPerMessage: 2,
  acceptedTypes: [],
};

/** A fetch that answers every request with `respond`, recording each one. */
export function fakeFetch(respond: (url: string, init: RequestInit | undefined) => Response = () => new Response('[]')) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return respond(String(input), init);
  };
  return { fetchImpl, calls };
}

export async function renderChat(
  ui: ReactElement,
  options: { limits?: Partial<UploadLimits>; fetch?: typeof fetch; events?: ServerEvent[]; customElements?: CustomElementRegistry } = {},
) {
  const connection = new FakeConnection();
  const client = new ParleyClient({ baseUrl: BASE, createConnection: () => connection });
  await client.connect();
  const api = new ParleyApi({ baseUrl: BASE, fetch: options.fetch ?? fakeFetch().fetchImpl });
  const store = new ChatStore();
  store.connect(client);
  const services: ChatServices = {
    store,
    client,
    api,
    base: BASE,
    limits: { ...defaultLimits, ...options.limits },
    customElements: options.customElements ?? new CustomElementRegistry(),
  };
  store.dispatch({ kind: 'events', events: options.events ?? [chatStarted()] });
  const result = render(<ChatContext.Provider value={services}>{ui}</ChatContext.Provider>);
  /** The server sends events. */
  const receive = (...events: ServerEvent[]) => act(() => connection.receive(events));
  return { ...result, connection, client, api, store, services, receive };
}
