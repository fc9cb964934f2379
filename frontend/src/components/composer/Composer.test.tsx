import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useAttachments } from '../../files/useAttachments';
import { useChatServices } from '../../chat/ChatContext';
import { renderChat } from '../../test/renderChat';
import { Composer } from './Composer';

function ComposerWithAttachments() {
  const { api, limits } = useChatServices();
  const attachments = useAttachments(api, { maxBytes: limits.maxUploadBytes, maxFiles: limits.maxFilesPerMessage, accept: limits.acceptedTypes });
  return <Composer attachments={attachments} />;
}

describe('Composer', () => {
  it('sends on Enter and clears the field', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(<ComposerWithAttachments />);
    const input = screen.getByTestId('composer-input');
    await user.type(input, 'Hello there{Enter}');
    expect(connection.sent).toEqual([{ type: 'user_message', clientId: expect.any(String), content: 'Hello there' }]);
    expect((input as HTMLTextAreaElement).value).toBe('');
  });

  it('breaks the line on Shift+Enter without sending', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(<ComposerWithAttachments />);
    const input = screen.getByTestId('composer-input');
    await user.type(input, 'one{Shift>}{Enter}{/Shift}two');
    expect((input as HTMLTextAreaElement).value).toBe('one\ntwo');
    expect(connection.sent).toEqual([]);
  });

  it('sends with the send button, which is disabled while the field is empty', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(<ComposerWithAttachments />);
    const send = screen.getByTestId('send-button');
    expect((send as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByTestId('composer-input'), 'Hi');
    await user.click(send);
    expect(connection.sent).toHaveLength(1);
  });

  it('refuses a message longer than the limit and says so', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(<ComposerWithAttachments />, { limits: { maxMessageChars: 5 } });
    await user.type(screen.getByTestId('composer-input'), 'too long{Enter}');
    expect(connection.sent).toEqual([]);
    expect(screen.getByTestId('composer-length').textContent).toBe('8 / 5 characters');
    expect((screen.getByTestId('send-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a stop button while running that cancels the handler', async () => {
    const user = userEvent.setup();
    const { connection, receive } = await renderChat(<ComposerWithAttachments />);
    expect(screen.queryByTestId('stop-button')).toBeNull();
    receive({ type: 'running', running: true });
    await user.click(screen.getByTestId('stop-button'));
    expect(connection.sent).toEqual([{ type: 'stop' }]);
    receive({ type: 'running', running: false });
    expect(screen.queryByTestId('stop-button')).toBeNull();
  });

  it('answers a pending text ask instead of sending a new message', async () => {
    const user = userEvent.setup();
    const { connection, receive } = await renderChat(<ComposerWithAttachments />);
    receive({ type: 'running', running: true }, { type: 'ask', askId: 'k1', kind: 'text', stepId: 's', timeoutMs: 60_000 });
    await user.type(screen.getByTestId('composer-input'), 'Paris{Enter}');
    expect(connection.sent).toEqual([{ type: 'ask_reply', askId: 'k1', text: 'Paris' }]);
  });

  it('shows a refusal from the server and keeps the text', async () => {
    const user = userEvent.setup();
    const { connection, store } = await renderChat(<ComposerWithAttachments />);
    connection.answer = () => ({ ok: false, code: 'busy', message: 'Still answering.' });
    await user.type(screen.getByTestId('composer-input'), 'Again{Enter}');
    expect(store.getState().errors.map((error) => error.message)).toEqual(['Still answering.']);
    expect((screen.getByTestId('composer-input') as HTMLTextAreaElement).value).toBe('Again');
  });
});
