// Runtime guards for every wire type, one per DTO and one per union member. The guard maps are
// keyed by the unions' `type` members, so adding a message type without a guard does not compile.
import {
  type ActionDto,
  type ChatProfileDto,
  type ElementDto,
  type FeedbackDto,
  type FeedbackValue,
  type SettingsOptionDto,
  type SettingsWidgetDto,
  type StarterDto,
  type StepDto,
  type ThreadDetailDto,
  type ThreadDto,
  type ThreadPageDto,
  type UploadedFileDto,
  type UserDto,
  ELEMENT_DISPLAYS,
  ELEMENT_TYPES,
  SETTINGS_WIDGET_KINDS,
  STEP_TYPES,
} from './dtos';
import {
  type ChatSettings,
  type PendingAsk,
  type ServerEvent,
  type ServerEventType,
  ASK_END_REASONS,
  ASK_KINDS,
  CHAT_START_MODES,
} from './events';
import type { JsonValue } from './json';
import type { ClientAck, ClientMessage, ClientMessageType } from './messages';
import {
  type Guard,
  arrayOf,
  isBoolean,
  isJsonValue,
  isNumber,
  isRecord,
  isString,
  literal,
  oneOf,
  optional,
  recordOf,
  shape,
} from './validate';

const optString = optional(isString);
const optNumber = optional(isNumber);
const optBoolean = optional(isBoolean);
/** A C# `JsonElement?` member: absent, or any JSON value including null. */
const optJson: Guard<JsonValue | undefined> = (value): value is JsonValue | undefined =>
  value === undefined || isJsonValue(value);
const isStringArray = arrayOf(isString);
const optStringArray = optional(isStringArray);

export const isUserDto = shape<UserDto>({ identifier: isString, displayName: optString, metadata: optJson });

const isFeedbackValue: Guard<FeedbackValue> = (value): value is FeedbackValue => value === 1 || value === -1;

export const isFeedbackDto = shape<FeedbackDto>({
  id: isString,
  stepId: isString,
  value: isFeedbackValue,
  comment: optString,
});

export const isStepDto = shape<StepDto>({
  id: isString,
  threadId: isString,
  parentId: optString,
  type: oneOf(STEP_TYPES),
  name: isString,
  input: optString,
  output: isString,
  streaming: isBoolean,
  isError: isBoolean,
  language: optString,
  createdAt: isString,
  endedAt: optString,
  feedback: optional(isFeedbackDto),
});

export const isElementDto = shape<ElementDto>({
  id: isString,
  threadId: optString,
  stepId: optString,
  type: oneOf(ELEMENT_TYPES),
  name: isString,
  mime: optString,
  size: optNumber,
  display: oneOf(ELEMENT_DISPLAYS),
  url: optString,
  props: optJson,
});

export const isActionDto = shape<ActionDto>({
  id: isString,
  name: isString,
  label: isString,
  payload: optJson,
  tooltip: optString,
  icon: optString,
  stepId: optString,
});

const isSettingsOption = shape<SettingsOptionDto>({ value: isString, label: isString });

export const isSettingsWidgetDto = shape<SettingsWidgetDto>({
  id: isString,
  kind: oneOf(SETTINGS_WIDGET_KINDS),
  label: isString,
  description: optString,
  initial: optJson,
  min: optNumber,
  max: optNumber,
  step: optNumber,
  options: optional(arrayOf(isSettingsOption)),
  placeholder: optString,
  multiline: optBoolean,
});

export const isStarterDto = shape<StarterDto>({ label: isString, message: isString, icon: optString });

export const isChatProfileDto = shape<ChatProfileDto>({
  name: isString,
  description: optString,
  icon: optString,
  isDefault: isBoolean,
  starters: optional(arrayOf(isStarterDto)),
});

export const isThreadDto = shape<ThreadDto>({
  id: isString,
  name: optString,
  chatProfile: optString,
  createdAt: isString,
  updatedAt: isString,
});

export const isThreadDetailDto = shape<ThreadDetailDto>({
  thread: isThreadDto,
  steps: arrayOf(isStepDto),
  elements: arrayOf(isElementDto),
});

export const isThreadPageDto = shape<ThreadPageDto>({ items: arrayOf(isThreadDto), nextCursor: optString });

export const isUploadedFileDto = shape<UploadedFileDto>({
  id: isString,
  name: isString,
  mime: isString,
  size: isNumber,
  type: isString,
});

const isChatSettings = shape<ChatSettings>({
  widgets: arrayOf(isSettingsWidgetDto),
  values: recordOf(isJsonValue),
});

const pendingAskShape = {
  askId: isString,
  kind: oneOf(ASK_KINDS),
  stepId: isString,
  timeoutMs: isNumber,
  accept: optStringArray,
  maxSizeBytes: optNumber,
  maxFiles: optNumber,
  actions: optional(arrayOf(isActionDto)),
};
const isPendingAsk = shape<PendingAsk>(pendingAskShape);

type EventOf<K extends ServerEventType> = Extract<ServerEvent, { type: K }>;

const serverEventGuards: { [K in ServerEventType]: Guard<EventOf<K>> } = {
  chat_started: shape<EventOf<'chat_started'>>({
    type: literal('chat_started'),
    sessionId: isString,
    threadId: isString,
    mode: oneOf(CHAT_START_MODES),
    user: isUserDto,
    chatProfile: optString,
    steps: arrayOf(isStepDto),
    elements: arrayOf(isElementDto),
    actions: arrayOf(isActionDto),
    settings: isChatSettings,
    starters: arrayOf(isStarterDto),
    profiles: arrayOf(isChatProfileDto),
    running: isBoolean,
    ask: optional(isPendingAsk),
  }),
  step: shape<EventOf<'step'>>({ type: literal('step'), step: isStepDto }),
  token: shape<EventOf<'token'>>({ type: literal('token'), stepId: isString, text: isString }),
  step_deleted: shape<EventOf<'step_deleted'>>({ type: literal('step_deleted'), stepId: isString }),
  element: shape<EventOf<'element'>>({ type: literal('element'), element: isElementDto }),
  element_deleted: shape<EventOf<'element_deleted'>>({ type: literal('element_deleted'), elementId: isString }),
  actions: shape<EventOf<'actions'>>({ type: literal('actions'), actions: arrayOf(isActionDto) }),
  action_removed: shape<EventOf<'action_removed'>>({ type: literal('action_removed'), actionId: isString }),
  ask: shape<EventOf<'ask'>>({ type: literal('ask'), ...pendingAskShape }),
  ask_ended: shape<EventOf<'ask_ended'>>({
    type: literal('ask_ended'),
    askId: isString,
    reason: oneOf(ASK_END_REASONS),
  }),
  settings: shape<EventOf<'settings'>>({
    type: literal('settings'),
    widgets: arrayOf(isSettingsWidgetDto),
    values: recordOf(isJsonValue),
  }),
  running: shape<EventOf<'running'>>({ type: literal('running'), running: isBoolean }),
  thread_renamed: shape<EventOf<'thread_renamed'>>({
    type: literal('thread_renamed'),
    threadId: isString,
    name: isString,
  }),
  error: shape<EventOf<'error'>>({ type: literal('error'), code: isString, message: isString }),
  host_fn_call: shape<EventOf<'host_fn_call'>>({
    type: literal('host_fn_call'),
    callId: isString,
    name: isString,
    args: isJsonValue,
  }),
  session_ended: shape<EventOf<'session_ended'>>({ type: literal('session_ended'), reason: isString }),
};

type MessageOf<K extends ClientMessageType> = Extract<ClientMessage, { type: K }>;
const optStringOnly: Guard<string | undefined> = (value): value is string | undefined =>
  value === undefined || typeof value === 'string';
const optStringArrayOnly: Guard<string[] | undefined> = (value): value is string[] | undefined =>
  value === undefined || isStringArray(value);

// Outgoing messages omit absent members rather than sending null, hence the stricter optionals.
const clientMessageGuards: { [K in ClientMessageType]: Guard<MessageOf<K>> } = {
  start: shape<MessageOf<'start'>>({
    type: literal('start'),
    threadId: optStringOnly,
    chatProfile: optStringOnly,
    sessionId: optStringOnly,
  }),
  user_message: shape<MessageOf<'user_message'>>({
    type: literal('user_message'),
    clientId: isString,
    content: isString,
    fileIds: optStringArrayOnly,
  }),
  stop: shape<MessageOf<'stop'>>({ type: literal('stop') }),
  action: shape<MessageOf<'action'>>({ type: literal('action'), actionId: isString }),
  ask_reply: shape<MessageOf<'ask_reply'>>({
    type: literal('ask_reply'),
    askId: isString,
    text: optStringOnly,
    fileIds: optStringArrayOnly,
    actionId: optStringOnly,
  }),
  settings_update: shape<MessageOf<'settings_update'>>({
    type: literal('settings_update'),
    values: recordOf(isJsonValue),
  }),
  files_uploaded: shape<MessageOf<'files_uploaded'>>({ type: literal('files_uploaded'), fileIds: isStringArray }),
  host_fn_result: shape<MessageOf<'host_fn_result'>>({
    type: literal('host_fn_result'),
    callId: isString,
    result: optJson,
    error: optStringOnly,
  }),
  regenerate: shape<MessageOf<'regenerate'>>({ type: literal('regenerate') }),
  edit_message: shape<MessageOf<'edit_message'>>({ type: literal('edit_message'), stepId: isString, content: isString }),
};

function hasGuard<K extends string>(guards: Record<K, unknown>, type: unknown): type is K {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(guards, type);
}

export function isServerEvent(value: unknown): value is ServerEvent {
  if (!isRecord(value) || !hasGuard(serverEventGuards, value.type)) return false;
  const guard: Guard<ServerEvent> = serverEventGuards[value.type];
  return guard(value);
}

export function isClientMessage(value: unknown): value is ClientMessage {
  if (!isRecord(value) || !hasGuard(clientMessageGuards, value.type)) return false;
  const guard: Guard<ClientMessage> = clientMessageGuards[value.type];
  return guard(value);
}

export const isClientAck = shape<ClientAck>({ ok: isBoolean, code: optString, message: optString });

/** The event types the guards know: equal to `SERVER_EVENT_TYPES` (checked by the contract test). */
export const GUARDED_SERVER_EVENT_TYPES = Object.keys(serverEventGuards);
/** The message types the guards know: equal to `CLIENT_MESSAGE_TYPES` (checked by the contract test). */
export const GUARDED_CLIENT_MESSAGE_TYPES = Object.keys(clientMessageGuards);
