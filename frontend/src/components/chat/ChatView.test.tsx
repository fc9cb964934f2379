import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BASE, fakeFetch, renderChat } from '../../test/renderChat';
import { chatStarted, step } from '../../test/fixtures';
import { ChatView } from './ChatView';

function view() {
  return <ChatView title="Support" status="connected" onReconnect={() => undefined} onNewChat={() => undefined} />;
}

function file(name: string, size: number, type = 'text/plain'): File {
  return new File([new Uint8Array(size)], name, { type });
}

describe('ChatView', () => {
  it('shows starters on an empty chat and sends the one picked', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(view(), {
      events: [chatStarted({ starters: [{ label: 'Plan a trip', message: 'Plan a trip to Paris.' }] })],
    });
    await user.click(screen.getByTestId('starter'));
    expect(connection.sent).toEqual([{ type: 'user_message', clientId: expect.any(String), content: 'Plan a trip to Paris.' }]);
  });

  it('checks files against the limits before uploading anything', async () => {
    const user = userEvent.setup();
    const uploads = fakeFetch();
    await renderChat(view(), { fetch: uploads.fetchImpl, limits: { maxUploadBytes: 100, maxFilesPerMessage: 1, acceptedTypes: ['.txt'] } });
    await user.upload(screen.getByTestId('file-input'), [file('big.txt', 500)]);
    expect(screen.getByTestId('composer-error').textContent).toBe('big.txt is larger than 100 B.');
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('photo.png', 10, 'image/png')] } });
    expect(screen.getByTestId('composer-error').textContent).toMatch(/not an accepted file type/);
    expect(uploads.calls).toEqual([]);
  });

  it('uploads accepted files and sends their ids with the message', async () => {
    const user = userEvent.setup();
    const uploads = fakeFetch(() =>
      new Response(JSON.stringify([{ id: 'fil_1', name: 'notes.txt', mime: 'text/plain', size: 10, type: 'file' }]), {
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const { connection } = await renderChat(view(), { fetch: uploads.fetchImpl });
    await user.upload(screen.getByTestId('file-input'), [file('notes.txt', 10)]);
    await waitFor(() => expect(screen.getByTestId('attachment').dataset.status).toBe('ready'));
    expect(uploads.calls.map((call) => call.url)).toEqual([`${BASE}api/files`]);
    await user.type(screen.getByTestId('composer-input'), 'See attached{Enter}');
    expect(connection.sent).toEqual([{ type: 'user_message', clientId: expect.any(String), content: 'See attached', fileIds: ['fil_1'] }]);
    expect(screen.queryByTestId('attachment')).toBeNull();
  });

  it('attaches pasted and dropped files too', async () => {
    const uploads = fakeFetch(() => new Response('[]', { headers: { 'Content-Type': 'application/json' } }));
    await renderChat(view(), { fetch: uploads.fetchImpl, limits: { maxUploadBytes: 5 } });
    fireEvent.paste(screen.getByTestId('composer-input'), { clipboardData: { files: [file('pasted.txt', 50)] } });
    expect(screen.getByTestId('composer-error').textContent).toBe('pasted.txt is larger than 5 B.');
    fireEvent.drop(screen.getByTestId('chat-view'), { dataTransfer: { files: [file('dropped.txt', 60)], types: ['Files'] } });
    expect(screen.getByTestId('composer-error').textContent).toBe('dropped.txt is larger than 5 B.');
    expect(uploads.calls).toEqual([]);
  });

  it('renders messages with their step id and type, and streams tokens into the right one', async () => {
    const { receive } = await renderChat(view(), {
      events: [
        chatStarted({
          steps: [
            step({ id: 'u1', type: 'user_message', name: 'Ada', output: 'Hi', createdAt: '2026-11-21T08:00:00+00:00' }),
            step({ id: 'a1', output: 'Hello', streaming: true, createdAt: '2026-11-21T08:00:01+00:00' }),
          ],
        }),
      ],
    });
    receive({ type: 'token', stepId: 'a1', text: ', Ada' });
    const messages = screen.getAllByTestId('message');
    expect(messages.map((message) => [message.dataset.stepId, message.dataset.type, message.dataset.streaming])).toEqual([
      ['u1', 'user_message', 'false'],
      ['a1', 'assistant_message', 'true'],
    ]);
    await waitFor(() => expect(messages[1]?.textContent).toContain('Hello, Ada'));
    expect(messages[1]?.querySelector('.markdown.streaming')).not.toBeNull();
  });

  it('escapes HTML from the model and drops unsafe links', async () => {
    await renderChat(view(), {
      events: [
        chatStarted({
          steps: [step({ id: 'a1', output: '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))' })],
        }),
      ],
    });
    const content = screen.getByTestId('message-content');
    expect(content.querySelector('script, img, a')).toBeNull();
    expect(content.textContent).toContain('<script>alert(1)</script>');
  });

  it('folds nested steps under their message', async () => {
    await renderChat(view(), {
      events: [
        chatStarted({
          steps: [
            step({ id: 'a1', output: 'Done' }),
            step({ id: 't1', parentId: 'a1', type: 'tool', name: 'search', input: 'paris', output: 'found' }),
          ],
        }),
      ],
    });
    const nested = screen.getByTestId('step');
    expect(nested.dataset.stepId).toBe('t1');
    expect(nested.tagName).toBe('DETAILS');
    expect(nested.hasAttribute('open')).toBe(false);
    expect(nested.textContent).toContain('search');
  });

  it('renders elements by type', async () => {
    await renderChat(view(), {
      events: [
        chatStarted({
          steps: [step({ id: 'a1', output: 'Here' })],
          elements: [
            { id: 'e1', stepId: 'a1', type: 'image', name: 'eiffel.png', display: 'inline', url: 'api/elements/e1' },
            { id: 'e2', stepId: 'a1', type: 'file', name: 'data.csv', display: 'inline', size: 2048 },
            { id: 'e3', stepId: 'a1', type: 'custom', name: 'Card', display: 'inline', props: { city: 'Paris' } },
            { id: 'e4', stepId: 'a1', type: 'image', name: 'evil', display: 'inline', url: 'javascript:alert(1)' },
          ],
        }),
      ],
    });
    const elements = screen.getAllByTestId('element');
    expect(elements.map((element) => element.dataset.elementType)).toEqual(['image', 'file', 'custom', 'image']);
    expect(elements[0]?.querySelector('img')?.getAttribute('src')).toBe(`${BASE}api/elements/e1`);
    expect(elements[1]?.querySelector('a')?.getAttribute('href')).toBe(`${BASE}api/elements/e2`);
    expect(elements[2]?.textContent).toContain('"city": "Paris"');
    expect(elements[3]?.querySelector('img')).toBeNull();
  });

  it('renders action buttons that send only the action id', async () => {
    const user = userEvent.setup();
    const { connection, receive } = await renderChat(view(), { events: [chatStarted({ steps: [step({ id: 'a1', output: 'Pick' })] })] });
    receive({ type: 'actions', actions: [{ id: 'act_1', name: 'more', label: 'Tell me more', payload: { secret: 1 }, stepId: 'a1' }] });
    const button = screen.getByTestId('action-button');
    expect(button.textContent).toBe('Tell me more');
    await user.click(button);
    expect(connection.sent).toEqual([{ type: 'action', actionId: 'act_1' }]);
    receive({ type: 'action_removed', actionId: 'act_1' });
    expect(screen.queryByTestId('action-button')).toBeNull();
  });

  it('shows errors until dismissed', async () => {
    const user = userEvent.setup();
    const { receive } = await renderChat(view());
    receive({ type: 'error', code: 'rate_limited', message: 'Slow down.' });
    expect(screen.getByTestId('error-banner').textContent).toContain('Slow down.');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('shows when the session ended and disables the composer', async () => {
    const { receive } = await renderChat(view());
    receive({ type: 'session_ended', reason: 'signed_out' });
    expect(screen.getByTestId('session-ended')).toBeTruthy();
    expect((screen.getByTestId('composer-input') as HTMLTextAreaElement).disabled).toBe(true);
  });
});
