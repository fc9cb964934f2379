import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderChat } from '../../test/renderChat';
import { chatStarted, step } from '../../test/fixtures';
import { MessageList } from './MessageList';

const thread = [
  step({ id: 'u1', type: 'user_message', name: 'Ada', output: 'Hello', createdAt: '2026-11-21T08:00:00+00:00' }),
  step({ id: 'a1', output: 'Echo: Hello', createdAt: '2026-11-21T08:00:01+00:00' }),
];

async function renderThread() {
  return renderChat(<MessageList />, { events: [chatStarted({ steps: thread })] });
}

describe('UserMessageText', () => {
  it('edits a user message and sends edit_message on Save', async () => {
    const user = userEvent.setup();
    const { connection } = await renderThread();
    expect(screen.getAllByTestId('edit-message-button')).toHaveLength(1);
    await user.click(screen.getByTestId('edit-message-button'));
    const input = screen.getByTestId('edit-message-input') as HTMLTextAreaElement;
    expect(input.value).toBe('Hello');
    await user.clear(input);
    await user.type(input, 'Bonjour');
    await user.click(screen.getByTestId('edit-message-save'));
    expect(connection.sent).toEqual([{ type: 'edit_message', stepId: 'u1', content: 'Bonjour' }]);
    expect(screen.queryByTestId('edit-message-input')).toBeNull();
  });

  it('restores the text on Cancel without sending', async () => {
    const user = userEvent.setup();
    const { connection } = await renderThread();
    await user.click(screen.getByTestId('edit-message-button'));
    await user.type(screen.getByTestId('edit-message-input'), ' changed');
    await user.click(screen.getByTestId('edit-message-cancel'));
    expect(connection.sent).toEqual([]);
    expect(document.querySelector('[data-step-id="u1"] [data-testid="message-content"]')?.textContent).toBe('Hello');
  });

  it('does not offer Edit while a reply runs', async () => {
    const { receive } = await renderThread();
    receive({ type: 'running', running: true });
    expect(screen.queryByTestId('edit-message-button')).toBeNull();
  });

  it('keeps the editor open and shows a busy refusal', async () => {
    const user = userEvent.setup();
    const { connection, store } = await renderThread();
    connection.answer = () => ({ ok: false, code: 'busy', message: 'Still answering.' });
    await user.click(screen.getByTestId('edit-message-button'));
    await user.type(screen.getByTestId('edit-message-input'), '!');
    await user.click(screen.getByTestId('edit-message-save'));
    expect(store.getState().errors.map((error) => error.message)).toEqual(['Still answering.']);
    expect((screen.getByTestId('edit-message-input') as HTMLTextAreaElement).value).toBe('Hello!');
  });

  it('disables Save for an empty text', async () => {
    const user = userEvent.setup();
    await renderThread();
    await user.click(screen.getByTestId('edit-message-button'));
    await user.clear(screen.getByTestId('edit-message-input'));
    expect((screen.getByTestId('edit-message-save') as HTMLButtonElement).disabled).toBe(true);
  });
});
