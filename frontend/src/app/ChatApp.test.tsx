import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ParleyApi } from '../protocol/api';
import { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { FakeConnection } from '../test/fakeConnection';
import { chatStarted, step } from '../test/fixtures';
import { CustomElementRegistry } from '../components/elements/customElements';
import { ChatApp } from './ChatApp';

const base = new URL('/', window.location.href).href;

const config: ParleyConfig = {
  appName: 'Support',
  user: { identifier: 'ada@example.com', displayName: 'Ada Lovelace' },
  limits: { maxMessageChars: 1000, maxUploadBytes: 1000, maxFilesPerMessage: 2, acceptedTypes: [] },
  auth: { signedIn: true, modes: ['accounts'], logoutUrl: '/api/auth/logout' },
};

function setup(respond: (url: string) => Response | undefined = () => undefined) {
  const connection = new FakeConnection();
  const client = new ParleyClient({ baseUrl: base, createConnection: () => connection });
  const api = new ParleyApi({
    baseUrl: base,
    fetch: async (input) =>
      respond(String(input)) ?? new Response(JSON.stringify({ items: [] }), { headers: { 'Content-Type': 'application/json' } }),
  });
  render(<ChatApp api={api} client={client} config={config} base={base} customElements={new CustomElementRegistry()} />);
  return { connection };
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('ChatApp', () => {
  it('shows "Assistants…" only where GET api/assistants answers, and starts a new chat after a change', async () => {
    const user = userEvent.setup();
    const assistants = (url: string) =>
      url.endsWith('api/assistants')
        ? new Response(JSON.stringify([{ name: 'Pirate', instructions: 'Arr.' }]), { headers: { 'Content-Type': 'application/json' } })
        : url.includes('api/assistants/')
          ? new Response(null, { status: 204 })
          : undefined;
    const { connection } = setup(assistants);
    await waitFor(() => expect(connection.sent).toHaveLength(1));
    await user.click(screen.getByLabelText(/^Account:/));
    await user.click(await screen.findByTestId('assistants-button'));
    const confirm = window.confirm;
    window.confirm = () => true;
    await user.click(await screen.findByTestId('assistant-delete'));
    window.confirm = confirm;
    await waitFor(() => expect(connection.sent).toEqual([{ type: 'start' }, { type: 'start' }]));
  });

  it('hides "Assistants…" where the app has none', async () => {
    const user = userEvent.setup();
    const { connection } = setup();
    await waitFor(() => expect(connection.sent).toHaveLength(1));
    await user.click(screen.getByLabelText(/^Account:/));
    expect(screen.queryByTestId('assistants-button')).toBeNull();
  });

  it('resumes the thread named in the URL', async () => {
    window.history.replaceState(null, '', '/thread/thr_42');
    const { connection } = setup();
    await waitFor(() => expect(connection.sent).toEqual([{ type: 'start', threadId: 'thr_42' }]));
  });

  it('starts a new chat on the base URL and moves to the thread URL once it has a message', async () => {
    const { connection } = setup();
    await waitFor(() => expect(connection.sent).toEqual([{ type: 'start' }]));
    act(() => connection.receive([chatStarted({ threadId: 'thr_7' })]));
    expect(window.location.pathname).toBe('/');
    act(() => connection.receive([{ type: 'step', step: step({ id: 'u1', threadId: 'thr_7', type: 'user_message', output: 'Hi' }) }]));
    expect(window.location.pathname).toBe('/thread/thr_7');
  });

  it('shows the user with a way to sign out, and the thread name once the server names it', async () => {
    const { connection } = setup();
    await waitFor(() => expect(connection.sent).toHaveLength(1));
    act(() => connection.receive([chatStarted({ threadId: 'thr_7' }), { type: 'thread_renamed', threadId: 'thr_7', name: 'Paris' }]));
    expect(screen.getByTestId('chat-title').textContent).toBe('Paris');
    expect(screen.getByTestId('user-name').textContent).toContain('Ada Lovelace');
    expect(screen.getByTestId('sign-out-button').textContent).toBe('Sign out');
  });

  it('starts a new chat with the picked profile', async () => {
    const user = userEvent.setup();
    const { connection } = setup();
    await waitFor(() => expect(connection.sent).toHaveLength(1));
    act(() =>
      connection.receive([
        chatStarted({ profiles: [{ name: 'Helper', isDefault: true }, { name: 'Researcher', isDefault: false }] }),
      ]),
    );
    await user.selectOptions(screen.getByTestId('profile-picker'), 'Researcher');
    expect(connection.sent[1]).toEqual({ type: 'start', chatProfile: 'Researcher' });
  });

  it('toggles the theme and remembers the choice', async () => {
    const user = userEvent.setup();
    setup();
    const root = screen.getByTestId('parley-app');
    const before = root.dataset.theme;
    await user.click(screen.getByTestId('theme-toggle'));
    expect(root.dataset.theme).not.toBe(before);
    expect(localStorage.getItem('parley.theme')).toBe(root.dataset.theme);
  });
});
