// Builders for wire objects in tests: realistic defaults, overridable per test.
import type { ActionDto, ElementDto, StepDto } from '../protocol/dtos';
import type { ChatStarted } from '../protocol/events';

export function step(overrides: Partial<StepDto> & { id: string }): StepDto {
  return {
    threadId: 'thr_1',
    type: 'assistant_message',
    name: 'Assistant',
    output: '',
    streaming: false,
    isError: false,
    createdAt: '2026-11-21T08:00:00+00:00',
    ...overrides,
  };
}

export function element(overrides: Partial<ElementDto> & { id: string }): ElementDto {
  return { type: 'file', name: 'report.pdf', display: 'inline', url: `api/elements/${overrides.id}`, ...overrides };
}

export function action(overrides: Partial<ActionDto> & { id: string }): ActionDto {
  return { name: 'go', label: 'Go', ...overrides };
}

export function chatStarted(overrides: Partial<ChatStarted> = {}): ChatStarted {
  return {
    type: 'chat_started',
    sessionId: 'ses_1',
    threadId: 'thr_1',
    mode: 'new',
    user: { identifier: 'ada@example.com', displayName: 'Ada' },
    steps: [],
    elements: [],
    actions: [],
    settings: { widgets: [], values: {} },
    starters: [],
    profiles: [],
    running: false,
    ...overrides,
  };
}
