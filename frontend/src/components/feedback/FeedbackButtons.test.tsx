import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chatStarted, step } from '../../test/fixtures';
import { fakeFetch, renderChat } from '../../test/renderChat';
import { Message } from '../chat/Message';
import { useChat } from '../../chat/ChatContext';

function Answer() {
  const answer = useChat((state) => state.steps['a1']);
  return answer ? <Message step={answer} /> : null;
}

describe('FeedbackButtons', () => {
  it('saves feedback with a comment, then removes it on a second click', async () => {
    const user = userEvent.setup();
    const requests = fakeFetch((_url, init) =>
      init?.method === 'PUT'
        ? new Response(JSON.stringify({ id: 'f1', stepId: 'a1', value: -1, comment: 'Wrong city' }), { headers: { 'Content-Type': 'application/json' } })
        : new Response(null, { status: 204 }),
    );
    const { store } = await renderChat(<Answer />, { fetch: requests.fetchImpl, events: [chatStarted({ steps: [step({ id: 'a1', output: 'Lyon' })] })] });

    await user.click(screen.getByTestId('feedback-down'));
    await user.type(screen.getByTestId('feedback-comment'), 'Wrong city');
    await user.click(screen.getByTestId('feedback-submit'));
    await waitFor(() => expect(store.getState().steps['a1']?.feedback?.value).toBe(-1));
    expect(screen.queryByTestId('feedback-dialog')).toBeNull();
    expect(screen.getByTestId('feedback-down').getAttribute('aria-pressed')).toBe('true');
    expect(requests.calls[0]?.init?.body).toBe('{"value":-1,"comment":"Wrong city"}');

    await user.click(screen.getByTestId('feedback-down'));
    await waitFor(() => expect(store.getState().steps['a1']?.feedback).toBeNull());
    expect(requests.calls[1]?.init?.method).toBe('DELETE');
  });

  it('is not offered on user messages or while streaming', async () => {
    await renderChat(<Answer />, { events: [chatStarted({ steps: [step({ id: 'a1', output: 'Par', streaming: true })] })] });
    expect(screen.queryByTestId('feedback-up')).toBeNull();
  });
});
