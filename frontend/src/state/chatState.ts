import type { ActionDto, ChatProfileDto, ElementDto, StarterDto, StepDto, UserDto } from '../protocol/dtos';
import type { ChatSettings, ChatStartMode, PendingAsk } from '../protocol/events';

/** The index key for top-level steps and for elements and actions that belong to no step. Step ids are never empty. */
export const ROOT = '';

/** An error to show the user until dismissed. */
export interface ChatError {
  id: number;
  code: string;
  message: string;
}

/**
 * A chat as the UI renders it. Steps, elements and actions live in records keyed by id with
 * ordered id lists per parent, so a streamed token replaces one step object and nothing else:
 * every untouched step and list keeps its identity and its memoized component does not re-render.
 */
export interface ChatState {
  sessionId: string | null;
  threadId: string | null;
  threadName: string | null;
  mode: ChatStartMode | null;
  user: UserDto | null;
  chatProfile: string | null;
  steps: Readonly<Record<string, StepDto>>;
  /** Child step ids per parent id ({@link ROOT} for the top level), ordered by `createdAt`. */
  children: Readonly<Record<string, readonly string[]>>;
  elements: Readonly<Record<string, ElementDto>>;
  /** Element ids per step id ({@link ROOT} for thread-level elements), in arrival order. */
  elementsByStep: Readonly<Record<string, readonly string[]>>;
  actions: Readonly<Record<string, ActionDto>>;
  /** Action ids per step id ({@link ROOT} for actions on no step), in arrival order. */
  actionsByStep: Readonly<Record<string, readonly string[]>>;
  ask: PendingAsk | null;
  /** The side or page element shown in the element panel, if any. */
  openElementId: string | null;
  settings: ChatSettings;
  starters: readonly StarterDto[];
  profiles: readonly ChatProfileDto[];
  running: boolean;
  errors: readonly ChatError[];
  nextErrorId: number;
  /** Set once the server ended the session; the client must not re-attach it. */
  ended: { reason: string } | null;
}

export const EMPTY_LIST: readonly string[] = Object.freeze([]);

export const initialChatState: ChatState = {
  sessionId: null,
  threadId: null,
  threadName: null,
  mode: null,
  user: null,
  chatProfile: null,
  steps: {},
  children: {},
  elements: {},
  elementsByStep: {},
  actions: {},
  actionsByStep: {},
  ask: null,
  openElementId: null,
  settings: { widgets: [], values: {} },
  starters: [],
  profiles: [],
  running: false,
  errors: [],
  nextErrorId: 1,
  ended: null,
};
