import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, renderChat } from '../../test/renderChat';
import { AskPrompt } from './AskPrompt';

afterEach(() => {
  vi.useRealTimers();
});

describe('AskPrompt', () => {
  it('counts down the time left to answer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { receive } = await renderChat(<AskPrompt />);
    receive({ type: 'ask', askId: 'k1', kind: 'text', stepId: 's', timeoutMs: 75_000 });
    expect(screen.getByTestId('ask-countdown').textContent).toBe('1:15 left');
    act(() => vi.advanceTimersByTime(70_000));
    expect(screen.getByTestId('ask-countdown').textContent).toBe('5s left');
    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByTestId('ask-countdown').textContent).toBe('Time is up');
  });

  it('restarts the countdown for a new ask', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { receive } = await renderChat(<AskPrompt />);
    receive({ type: 'ask', askId: 'k1', kind: 'text', stepId: 's', timeoutMs: 10_000 });
    act(() => vi.advanceTimersByTime(8_000));
    receive({ type: 'ask', askId: 'k2', kind: 'text', stepId: 's', timeoutMs: 30_000 });
    expect(screen.getByTestId('ask-countdown').textContent).toBe('30s left');
  });

  it('answers an action ask with the chosen action and disappears when it ends', async () => {
    const { connection, receive } = await renderChat(<AskPrompt />);
    receive({
      type: 'ask',
      askId: 'k1',
      kind: 'action',
      stepId: 's',
      timeoutMs: 60_000,
      actions: [
        { id: 'yes', name: 'approve', label: 'Approve' },
        { id: 'no', name: 'reject', label: 'Reject' },
      ],
    });
    expect(screen.getByTestId('ask-prompt').dataset.askKind).toBe('action');
    const buttons = screen.getAllByTestId('ask-action');
    expect(buttons.map((button) => button.textContent)).toEqual(['Approve', 'Reject']);
    fireEvent.click(buttons[1] as HTMLElement);
    await waitFor(() => expect(connection.sent).toEqual([{ type: 'ask_reply', askId: 'k1', actionId: 'no' }]));
    receive({ type: 'ask_ended', askId: 'k1', reason: 'answered' });
    expect(screen.queryByTestId('ask-prompt')).toBeNull();
  });

  it('asks for files within the stricter of its own and the app limits, then answers with their ids', async () => {
    const uploads = fakeFetch(() =>
      new Response(JSON.stringify([{ id: 'fil_9', name: 'r.pdf', mime: 'application/pdf', size: 10, type: 'pdf' }]), {
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const { connection, receive } = await renderChat(<AskPrompt />, { fetch: uploads.fetchImpl, limits: { maxUploadBytes: 500 } });
    receive({ type: 'ask', askId: 'k1', kind: 'files', stepId: 's', timeoutMs: 60_000, accept: ['application/pdf'], maxSizeBytes: 10_000, maxFiles: 1 });
    expect(screen.getByTestId('ask-files-limits').textContent).toBe('Up to 1 file, 500 B each; application/pdf.');

    const input = screen.getByTestId('ask-files-input');
    fireEvent.change(input, { target: { files: [new File(['x'], 'notes.txt', { type: 'text/plain' })] } });
    expect(screen.getByTestId('composer-error').textContent).toMatch(/not an accepted file type/);
    expect(uploads.calls).toEqual([]);

    fireEvent.change(input, { target: { files: [new File(['%PDF'], 'r.pdf', { type: 'application/pdf' })] } });
    await waitFor(() => expect((screen.getByTestId('ask-files-submit') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('ask-files-submit'));
    await waitFor(() => expect(connection.sent).toEqual([{ type: 'ask_reply', askId: 'k1', fileIds: ['fil_9'] }]));
  });
});
