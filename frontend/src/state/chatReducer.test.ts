import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../protocol/events';
import { action, chatStarted, element, step } from '../test/fixtures';
import { type ChatState, ROOT, initialChatState } from './chatState';
import { chatActionReducer, chatReducer } from './chatReducer';

function apply(state: ChatState, ...events: ServerEvent[]): ChatState {
  return events.reduce(chatReducer, state);
}

const started = apply(
  initialChatState,
  chatStarted({
    steps: [
      step({ id: 'b', type: 'assistant_message', createdAt: '2026-11-21T08:00:02+00:00', output: 'Hi' }),
      step({ id: 'a', type: 'user_message', createdAt: '2026-11-21T08:00:01+00:00', output: 'Hello' }),
      step({ id: 'b1', parentId: 'b', type: 'tool', createdAt: '2026-11-21T08:00:03+00:00' }),
    ],
    elements: [element({ id: 'e1', stepId: 'b' }), element({ id: 'e0' })],
    actions: [action({ id: 'x1', stepId: 'b' })],
  }),
);

describe('chatReducer', () => {
  describe('chat_started', () => {
    it('indexes steps by parent in createdAt order', () => {
      expect(started.children[ROOT]).toEqual(['a', 'b']);
      expect(started.children['b']).toEqual(['b1']);
      expect(started.elementsByStep['b']).toEqual(['e1']);
      expect(started.elementsByStep[ROOT]).toEqual(['e0']);
      expect(started.actionsByStep['b']).toEqual(['x1']);
      expect(started.sessionId).toBe('ses_1');
    });

    it('replaces the whole state on a re-attach instead of merging into it', () => {
      const streamed = apply(started, { type: 'token', stepId: 'b', text: ' there' }, { type: 'running', running: true });
      const reattached = apply(
        streamed,
        chatStarted({
          mode: 'reattached',
          steps: [step({ id: 'b', output: 'Hi there, friend', createdAt: '2026-11-21T08:00:02+00:00' })],
          running: true,
        }),
      );
      expect(reattached.mode).toBe('reattached');
      expect(reattached.children[ROOT]).toEqual(['b']);
      expect(Object.keys(reattached.steps)).toEqual(['b']);
      expect(reattached.steps['b']?.output).toBe('Hi there, friend');
      expect(reattached.elements).toEqual({});
      expect(reattached.actions).toEqual({});
    });

    it('takes a pending ask and the running flag', () => {
      const state = apply(
        initialChatState,
        chatStarted({ running: true, ask: { askId: 'k', kind: 'text', stepId: 'b', timeoutMs: 1000 } }),
      );
      expect(state.running).toBe(true);
      expect(state.ask?.askId).toBe('k');
    });
  });

  describe('step', () => {
    it('inserts a new step by createdAt among its siblings, ties in arrival order', () => {
      const state = apply(
        started,
        { type: 'step', step: step({ id: 'c', createdAt: '2026-11-21T08:00:01.5+00:00' }) },
        { type: 'step', step: step({ id: 'd', createdAt: '2026-11-21T08:00:02+00:00' }) },
        { type: 'step', step: step({ id: 'z', createdAt: '2026-11-21T09:00:00+01:00' }) },
      );
      // 09:00+01:00 is 08:00Z: times compare as instants, not strings.
      expect(state.children[ROOT]).toEqual(['z', 'a', 'c', 'b', 'd']);
    });

    it('replaces an existing step in place without touching the order lists', () => {
      const updated = step({ id: 'b', createdAt: '2026-11-21T08:00:02+00:00', output: 'Hi!', streaming: false });
      const state = apply(started, { type: 'step', step: updated });
      expect(state.steps['b']).toBe(updated);
      expect(state.children).toBe(started.children);
    });

    it('moves a step whose parent changed', () => {
      const moved = step({ id: 'b1', createdAt: '2026-11-21T08:00:03+00:00' });
      const state = apply(started, { type: 'step', step: moved });
      expect(state.children[ROOT]).toEqual(['a', 'b', 'b1']);
      expect(state.children['b']).toBeUndefined();
    });
  });

  describe('token', () => {
    it('appends text in arrival order', () => {
      const state = apply(
        started,
        { type: 'token', stepId: 'b', text: ' the' },
        { type: 'token', stepId: 'b', text: 're' },
        { type: 'token', stepId: 'b', text: '!' },
      );
      expect(state.steps['b']?.output).toBe('Hi there!');
    });

    it('replaces only the streaming step: everything else keeps its identity', () => {
      const state = apply(started, { type: 'token', stepId: 'b', text: '…' });
      expect(state.steps['b']).not.toBe(started.steps['b']);
      expect(state.steps['a']).toBe(started.steps['a']);
      expect(state.steps['b1']).toBe(started.steps['b1']);
      expect(state.children).toBe(started.children);
      expect(state.elements).toBe(started.elements);
      expect(state.elementsByStep).toBe(started.elementsByStep);
      expect(state.actions).toBe(started.actions);
      expect(state.actionsByStep).toBe(started.actionsByStep);
    });

    it('ignores tokens for an unknown step', () => {
      expect(apply(started, { type: 'token', stepId: 'gone', text: 'x' })).toBe(started);
    });

    it('ignores a token for an id that only exists on Object.prototype', () => {
      expect(apply(started, { type: 'token', stepId: 'constructor', text: 'x' })).toBe(started);
    });
  });

  describe('step_deleted', () => {
    it('removes the step with its nested steps, elements and actions', () => {
      const state = apply(started, { type: 'step_deleted', stepId: 'b' });
      expect(state.children[ROOT]).toEqual(['a']);
      expect(Object.keys(state.steps)).toEqual(['a']);
      expect(state.children['b']).toBeUndefined();
      expect(state.elements['e1']).toBeUndefined();
      expect(state.elements['e0']).toBeDefined();
      expect(state.actions['x1']).toBeUndefined();
    });

    it('ignores an unknown step', () => {
      expect(apply(started, { type: 'step_deleted', stepId: 'nope' })).toBe(started);
    });
  });

  describe('elements', () => {
    it('adds, moves and deletes elements', () => {
      let state = apply(started, { type: 'element', element: element({ id: 'e2', stepId: 'a', type: 'image' }) });
      expect(state.elementsByStep['a']).toEqual(['e2']);
      state = apply(state, { type: 'element', element: element({ id: 'e2', stepId: 'b', type: 'image' }) });
      expect(state.elementsByStep['a']).toBeUndefined();
      expect(state.elementsByStep['b']).toEqual(['e1', 'e2']);
      state = apply(state, { type: 'element_deleted', elementId: 'e1' });
      expect(state.elementsByStep['b']).toEqual(['e2']);
      expect(state.elements['e1']).toBeUndefined();
    });
  });

  describe('actions', () => {
    it('adds and removes action buttons', () => {
      let state = apply(started, { type: 'actions', actions: [action({ id: 'x2', stepId: 'b' }), action({ id: 'x3' })] });
      expect(state.actionsByStep['b']).toEqual(['x1', 'x2']);
      expect(state.actionsByStep[ROOT]).toEqual(['x3']);
      state = apply(state, { type: 'action_removed', actionId: 'x1' });
      expect(state.actionsByStep['b']).toEqual(['x2']);
      expect(state.actions['x1']).toBeUndefined();
    });
  });

  describe('asks', () => {
    it('shows an ask until its own ask_ended arrives', () => {
      let state = apply(started, { type: 'ask', askId: 'k1', kind: 'action', stepId: 'b', timeoutMs: 5000, actions: [] });
      expect(state.ask).toEqual({ askId: 'k1', kind: 'action', stepId: 'b', timeoutMs: 5000, actions: [] });
      state = apply(state, { type: 'ask_ended', askId: 'other', reason: 'answered' });
      expect(state.ask?.askId).toBe('k1');
      state = apply(state, { type: 'ask_ended', askId: 'k1', reason: 'timeout' });
      expect(state.ask).toBeNull();
    });
  });

  it('replaces the settings panel', () => {
    const state = apply(started, {
      type: 'settings',
      widgets: [{ id: 't', kind: 'switch', label: 'T' }],
      values: { t: true },
    });
    expect(state.settings).toEqual({ widgets: [{ id: 't', kind: 'switch', label: 'T' }], values: { t: true } });
  });

  it('tracks the running flag and keeps the state when it does not change', () => {
    const running = apply(started, { type: 'running', running: true });
    expect(running.running).toBe(true);
    expect(apply(running, { type: 'running', running: true })).toBe(running);
  });

  it('renames the current thread only', () => {
    expect(apply(started, { type: 'thread_renamed', threadId: 'thr_1', name: 'Trip' }).threadName).toBe('Trip');
    expect(apply(started, { type: 'thread_renamed', threadId: 'thr_2', name: 'Other' }).threadName).toBeNull();
  });

  it('keeps the last few errors', () => {
    let state = started;
    for (let i = 0; i < 8; i++) state = apply(state, { type: 'error', code: 'busy', message: `m${i}` });
    expect(state.errors.map((error) => error.message)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('leaves the chat alone on a host function call', () => {
    expect(apply(started, { type: 'host_fn_call', callId: 'c', name: 'f', args: null })).toBe(started);
  });

  it('marks the session ended and clears what can no longer be answered', () => {
    const asking = apply(
      started,
      { type: 'running', running: true },
      { type: 'ask', askId: 'k', kind: 'text', stepId: 'b', timeoutMs: 1 },
    );
    const ended = apply(asking, { type: 'session_ended', reason: 'signed_out' });
    expect(ended.ended).toEqual({ reason: 'signed_out' });
    expect(ended.running).toBe(false);
    expect(ended.ask).toBeNull();
  });
});

describe('chatActionReducer', () => {
  it('applies an event batch in order', () => {
    const state = chatActionReducer(started, {
      kind: 'events',
      events: [
        { type: 'token', stepId: 'b', text: ' a' },
        { type: 'token', stepId: 'b', text: ' b' },
      ],
    });
    expect(state.steps['b']?.output).toBe('Hi a b');
  });

  it('sets and clears feedback on one step', () => {
    const feedback = { id: 'f', stepId: 'b', value: -1 as const, comment: 'wrong' };
    const withFeedback = chatActionReducer(started, { kind: 'feedback', stepId: 'b', feedback });
    expect(withFeedback.steps['b']?.feedback).toEqual(feedback);
    expect(withFeedback.steps['a']).toBe(started.steps['a']);
    const cleared = chatActionReducer(withFeedback, { kind: 'feedback', stepId: 'b', feedback: null });
    expect(cleared.steps['b']?.feedback).toBeNull();
  });

  it('adds and dismisses client-side errors', () => {
    const state = chatActionReducer(started, { kind: 'client_error', code: 'upload', message: 'Too big' });
    const id = state.errors[0]?.id ?? -1;
    expect(chatActionReducer(state, { kind: 'dismiss_error', id }).errors).toEqual([]);
  });

  it('resets to the initial state', () => {
    expect(chatActionReducer(started, { kind: 'reset' })).toBe(initialChatState);
  });

  it('opens a side or page element and closes it, also when the element goes away', () => {
    const opened = chatActionReducer(started, { kind: 'open_element', elementId: 'e1' });
    expect(opened.openElementId).toBe('e1');
    expect(chatActionReducer(opened, { kind: 'close_element' }).openElementId).toBeNull();
    expect(chatActionReducer(started, { kind: 'open_element', elementId: 'nope' })).toBe(started);
    expect(apply(opened, { type: 'element_deleted', elementId: 'e1' }).openElementId).toBeNull();
    expect(apply(opened, { type: 'step_deleted', stepId: 'b' }).openElementId).toBeNull();
  });

  it('retitles the open thread when the user renames it in the history', () => {
    const state = apply(started, { type: 'thread_renamed', threadId: 'thr_1', name: 'Old' });
    expect(chatActionReducer(state, { kind: 'thread_renamed', threadId: 'thr_1', name: 'New' }).threadName).toBe('New');
    expect(chatActionReducer(state, { kind: 'thread_renamed', threadId: 'other', name: 'New' }).threadName).toBe('Old');
  });

  it('keeps the thread name when the same thread re-attaches, and drops it for another thread', () => {
    const named = apply(started, { type: 'thread_renamed', threadId: 'thr_1', name: 'Paris' });
    expect(apply(named, chatStarted({ mode: 'reattached' })).threadName).toBe('Paris');
    expect(apply(named, chatStarted({ threadId: 'thr_2' })).threadName).toBeNull();
  });
});
