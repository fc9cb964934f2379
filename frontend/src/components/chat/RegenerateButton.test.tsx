import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderChat } from '../../test/renderChat';
import { chatStarted, step } from '../../test/fixtures';
import { MessageList } from './MessageList';

const thread = [
  step({ id: 'u1', type: 'user_message', name: 'Ada', output: 'Hi', createdAt: '2026-11-21T08:00:00+00:00' }),
  step({ id: 'r1', type: 'run', name: 'on_message', createdAt: '2026-11-21T08:00:01+00:00' }),
  step({ id: 'a1', parentId: 'r1', output: 'First answer', createdAt: '2026-11-21T08:00:02+00:00' }),
  step({ id: 'u2', type: 'user_message', name: 'Ada', output: 'Again', createdAt: '2026-11-21T08:00:03+00:00' }),
  step({ id: 'r2', type: 'run', name: 'on_message', createdAt: '2026-11-21T08:00:04+00:00' }),
  step({ id: 'a2', parentId: 'r2', output: 'Second answer', createdAt: '2026-11-21T08:00:05+00:00' }),
];

function regenerateButtonsIn(stepId: string) {
  const message = document.querySelector(`[data-step-id="${stepId}"]`)!;
  return message.querySelectorAll('[data-testid="regenerate-button"]');
}

describe('RegenerateButton', () => {
  it('shows only on the last assistant reply and sends regenerate', async () => {
    const user = userEvent.setup();
    const { connection } = await renderChat(<MessageList />, { events: [chatStarted({ steps: thread })] });
    expect(screen.getAllByTestId('regenerate-button')).toHaveLength(1);
    expect(regenerateButtonsIn('a1')).toHaveLength(0);
    expect(regenerateButtonsIn('a2')).toHaveLength(1);
    await user.click(screen.getByTestId('regenerate-button'));
    expect(connection.sent).toEqual([{ type: 'regenerate' }]);
  });

  it('is hidden while a reply runs', async () => {
    const { receive } = await renderChat(<MessageList />, { events: [chatStarted({ steps: thread })] });
    receive({ type: 'running', running: true });
    expect(screen.queryByTestId('regenerate-button')).toBeNull();
    receive({ type: 'running', running: false });
    expect(screen.getByTestId('regenerate-button')).toBeTruthy();
  });

  it('moves to the previous reply when the last one is deleted', async () => {
    const { receive } = await renderChat(<MessageList />, { events: [chatStarted({ steps: thread })] });
    receive({ type: 'step_deleted', stepId: 'a2' });
    expect(regenerateButtonsIn('a1')).toHaveLength(1);
  });

  it('shows as "Try again" on the error a failed model left in place of the first reply', async () => {
    const user = userEvent.setup();
    const failed = [
      step({ id: 'u1', type: 'user_message', name: 'Ada', output: 'Hi', createdAt: '2026-11-21T08:00:00+00:00' }),
      step({ id: 'r1', type: 'run', name: 'on_message', createdAt: '2026-11-21T08:00:01+00:00' }),
      step({ id: 'e1', parentId: 'r1', type: 'system_message', name: 'Error', output: 'The model rejected the API key (HTTP 401).', isError: true, createdAt: '2026-11-21T08:00:02+00:00' }),
    ];
    const { connection } = await renderChat(<MessageList />, { events: [chatStarted({ steps: failed })] });
    expect(regenerateButtonsIn('e1')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(connection.sent).toEqual([{ type: 'regenerate' }]);
  });

  it('moves from the previous reply to the error that followed the next question', async () => {
    const failedAgain = [
      ...thread.slice(0, 5),
      step({ id: 'e2', parentId: 'r2', type: 'system_message', name: 'Error', output: 'The model is unavailable.', isError: true, createdAt: '2026-11-21T08:00:05+00:00' }),
    ];
    await renderChat(<MessageList />, { events: [chatStarted({ steps: failedAgain })] });
    expect(screen.getAllByTestId('regenerate-button')).toHaveLength(1);
    expect(regenerateButtonsIn('a1')).toHaveLength(0);
    expect(regenerateButtonsIn('e2')).toHaveLength(1);
  });

  it('is not offered on an error before any question, nor on other system messages', async () => {
    const steps = [
      step({ id: 'e0', type: 'system_message', name: 'Error', output: 'Start-up failed.', isError: true, createdAt: '2026-11-21T08:00:00+00:00' }),
      step({ id: 'u1', type: 'user_message', name: 'Ada', output: 'Hi', createdAt: '2026-11-21T08:00:01+00:00' }),
      step({ id: 's1', type: 'system_message', name: 'Note', output: 'Just so you know.', createdAt: '2026-11-21T08:00:02+00:00' }),
    ];
    await renderChat(<MessageList />, { events: [chatStarted({ steps })] });
    expect(screen.queryByTestId('regenerate-button')).toBeNull();
  });

  it('shows a busy refusal as a chat error', async () => {
    const user = userEvent.setup();
    const { connection, store } = await renderChat(<MessageList />, { events: [chatStarted({ steps: thread })] });
    connection.answer = () => ({ ok: false, code: 'busy', message: 'Still answering.' });
    await user.click(screen.getByTestId('regenerate-button'));
    expect(store.getState().errors.map((error) => error.message)).toEqual(['Still answering.']);
  });
});
