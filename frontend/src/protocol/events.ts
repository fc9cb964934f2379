// Mirrors src/Parley/Protocol/ServerEvent.cs: everything the hub sends to the browser, in batches,
// through the one client method `Receive(ServerEvent[])`.
import type {
  ActionDto,
  ChatProfileDto,
  ElementDto,
  SettingsWidgetDto,
  StarterDto,
  StepDto,
  UserDto,
} from './dtos';
import type { JsonValue } from './json';

export const CHAT_START_MODES = ['new', 'resumed', 'reattached'] as const;
export type ChatStartMode = (typeof CHAT_START_MODES)[number];

export const ASK_KINDS = ['text', 'files', 'action'] as const;
export type AskKind = (typeof ASK_KINDS)[number];

export const ASK_END_REASONS = ['answered', 'timeout', 'cancelled'] as const;
export type AskEndReason = (typeof ASK_END_REASONS)[number];

/**
 * The settings panel. Inside `chat_started` it travels without a `type` member: C# writes a
 * discriminator only where the declared type is the `ServerEvent` base.
 */
export interface ChatSettings {
  widgets: SettingsWidgetDto[];
  values: Record<string, JsonValue>;
}

/** A pending ask; inside `chat_started` it travels without a `type` member (see {@link ChatSettings}). */
export interface PendingAsk {
  askId: string;
  kind: AskKind;
  stepId: string;
  timeoutMs: number;
  accept?: string[] | null;
  maxSizeBytes?: number | null;
  maxFiles?: number | null;
  actions?: ActionDto[] | null;
}

export interface ChatStarted {
  type: 'chat_started';
  sessionId: string;
  threadId: string;
  mode: ChatStartMode;
  user: UserDto;
  chatProfile?: string | null;
  steps: StepDto[];
  elements: ElementDto[];
  actions: ActionDto[];
  settings: ChatSettings;
  starters: StarterDto[];
  profiles: ChatProfileDto[];
  running: boolean;
  ask?: PendingAsk | null;
}

export interface StepEvent {
  type: 'step';
  step: StepDto;
}

export interface TokenEvent {
  type: 'token';
  stepId: string;
  text: string;
}

export interface StepDeleted {
  type: 'step_deleted';
  stepId: string;
}

export interface ElementEvent {
  type: 'element';
  element: ElementDto;
}

export interface ElementDeleted {
  type: 'element_deleted';
  elementId: string;
}

export interface ActionsEvent {
  type: 'actions';
  actions: ActionDto[];
}

export interface ActionRemoved {
  type: 'action_removed';
  actionId: string;
}

export interface AskEvent extends PendingAsk {
  type: 'ask';
}

export interface AskEnded {
  type: 'ask_ended';
  askId: string;
  reason: AskEndReason;
}

export interface SettingsEvent extends ChatSettings {
  type: 'settings';
}

export interface RunningEvent {
  type: 'running';
  running: boolean;
}

export interface ThreadRenamed {
  type: 'thread_renamed';
  threadId: string;
  name: string;
}

export interface ErrorEvent {
  type: 'error';
  /** Usually one of `ERROR_CODES`; kept open so a newer server's codes still show. */
  code: string;
  message: string;
}

export interface HostFunctionCall {
  type: 'host_fn_call';
  callId: string;
  name: string;
  args: JsonValue;
}

export interface SessionEnded {
  type: 'session_ended';
  reason: string;
}

export type ServerEvent =
  | ChatStarted
  | StepEvent
  | TokenEvent
  | StepDeleted
  | ElementEvent
  | ElementDeleted
  | ActionsEvent
  | ActionRemoved
  | AskEvent
  | AskEnded
  | SettingsEvent
  | RunningEvent
  | ThreadRenamed
  | ErrorEvent
  | HostFunctionCall
  | SessionEnded;

export type ServerEventType = ServerEvent['type'];

/** Every `type` of {@link ServerEvent}; the contract test compares it with the fixture and the C# union. */
export const SERVER_EVENT_TYPES = [
  'chat_started',
  'step',
  'token',
  'step_deleted',
  'element',
  'element_deleted',
  'actions',
  'action_removed',
  'ask',
  'ask_ended',
  'settings',
  'running',
  'thread_renamed',
  'error',
  'host_fn_call',
  'session_ended',
] as const satisfies readonly ServerEventType[];

/** Compile-time exhaustiveness: a `switch` over a union calls this in its `default`. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
