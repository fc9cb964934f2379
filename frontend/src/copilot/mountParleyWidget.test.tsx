import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnection } from '../test/fakeConnection';
import { chatStarted, step } from '../test/fixtures';
import { mountParleyWidget, remToPx } from './mountParleyWidget';

const SERVER = 'https://chat.example.com/support/';

function config() {
  return new Response(
    JSON.stringify({
      appName: 'Support',
      limits: { maxMessageChars: 100, maxUploadBytes: 100, maxFilesPerMessage: 1, acceptedTypes: [] },
      auth: { signedIn: true, modes: ['copilot'] },
    }),
    { headers: { 'Content-Type': 'application/json' } },
  );
}

function mount(options: Partial<Parameters<typeof mountParleyWidget>[0]> = {}) {
  const connection = new FakeConnection();
  const requests: { url: string; authorization: string | null }[] = [];
  const widget = mountParleyWidget(
    { server: SERVER, ...options },
    {
      createConnection: () => connection,
      fetch: async (input, init) => {
        requests.push({ url: String(input), authorization: new Headers(init?.headers).get('Authorization') });
        return config();
      },
    },
  );
  const shadow = () => document.querySelector('parley-copilot')!.shadowRoot!;
  return { widget, connection, requests, shadow };
}

afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
});

describe('mountParleyWidget', () => {
  it('renders in a shadow root and opens from the host page', async () => {
    const { widget, shadow } = mount();
    await waitFor(() => expect(shadow().querySelector('[data-testid=copilot-button]')).not.toBeNull());
    expect(shadow().querySelector('[data-testid=copilot-panel]')).toBeNull();
    act(() => widget.open());
    await waitFor(() => expect(shadow().querySelector('[data-testid=composer-input]')).not.toBeNull());
    expect(widget.isOpen).toBe(true);
    act(() => widget.unmount());
    expect(document.querySelector('parley-copilot')).toBeNull();
  });

  it('sends a message from the host once the chat has started', async () => {
    const { widget, connection } = mount();
    const sent = widget.sendMessage('What is in my cart?');
    await waitFor(() => expect(connection.sent).toContainEqual({ type: 'start' }));
    act(() => connection.receive([chatStarted({ threadId: 'thr_9' })]));
    await sent;
    expect(connection.sent).toContainEqual({ type: 'user_message', clientId: expect.any(String), content: 'What is in my cart?' });
    expect(widget.threadId).toBe('thr_9');
  });

  it('remembers the thread per server and resumes it on the next mount', async () => {
    const first = mount({ open: true });
    await waitFor(() => expect(first.connection.sent).toContainEqual({ type: 'start' }));
    act(() =>
      first.connection.receive([chatStarted({ threadId: 'thr_5' }), { type: 'step', step: step({ id: 'u1', threadId: 'thr_5', type: 'user_message' }) }]),
    );
    await waitFor(() => expect(sessionStorage.getItem(`parley.copilot.thread:${SERVER}`)).toBe('thr_5'));
    act(() => first.widget.unmount());

    const second = mount({ open: true });
    await waitFor(() => expect(second.connection.sent).toContainEqual({ type: 'start', threadId: 'thr_5' }));
  });

  it('calls functions the host registered and answers the handler with their result', async () => {
    const { widget, connection } = mount({ open: true, hostFunctions: { double: (args) => Number(args) * 2 } });
    widget.registerFunction('triple', (args) => Number(args) * 3);
    await waitFor(() => expect(connection.sent).toContainEqual({ type: 'start' }));
    act(() => connection.receive([{ type: 'host_fn_call', callId: 'c1', name: 'triple', args: 5 }]));
    await waitFor(() => expect(connection.sent).toContainEqual({ type: 'host_fn_result', callId: 'c1', result: 15 }));
    act(() => connection.receive([{ type: 'host_fn_call', callId: 'c2', name: 'nope', args: null }]));
    await waitFor(() =>
      expect(connection.sent).toContainEqual({ type: 'host_fn_result', callId: 'c2', error: 'The host page has no function named nope.' }),
    );
  });

  it('sends the bearer token and never stores it', async () => {
    const { requests } = mount({ accessToken: 'token-1' });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.authorization).toBe('Bearer token-1');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('token-1');
  });
});

describe('remToPx', () => {
  it('turns rem units into pixels of the widget base size', () => {
    expect(remToPx('a { font-size: 0.8rem; margin: 1rem 2.5rem; width: calc(100% - .5rem) } b { grid: 2fr }')).toBe(
      'a { font-size: 12px; margin: 15px 37.5px; width: calc(100% - 7.5px) } b { grid: 2fr }',
    );
  });
});
