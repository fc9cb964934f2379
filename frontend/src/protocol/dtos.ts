// Mirrors src/Parley/Protocol/Dtos.cs. The server writes camelCase and omits null members, so every
// nullable C# member is optional here; `null` is still accepted because a JSON value member
// (C# `JsonElement?`) can legitimately hold a JSON null.
import type { JsonValue } from './json';

export interface UserDto {
  identifier: string;
  displayName?: string | null;
  metadata?: JsonValue;
}

/** Step types, as Chainlit names them (C# `StepTypes`). */
export const STEP_TYPES = [
  'user_message',
  'assistant_message',
  'system_message',
  'run',
  'tool',
  'llm',
  'retrieval',
  'embedding',
  'rerank',
  'undefined',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** Messages are the steps whose type ends in `_message`. */
export function isMessageType(type: StepType): type is 'user_message' | 'assistant_message' | 'system_message' {
  return type === 'user_message' || type === 'assistant_message' || type === 'system_message';
}

export interface StepDto {
  id: string;
  threadId: string;
  parentId?: string | null;
  type: StepType;
  name: string;
  input?: string | null;
  output: string;
  streaming: boolean;
  isError: boolean;
  language?: string | null;
  /** ISO-8601. */
  createdAt: string;
  endedAt?: string | null;
  feedback?: FeedbackDto | null;
}

/** Element types (C# `ElementTypes`). */
export const ELEMENT_TYPES = ['image', 'file', 'pdf', 'audio', 'video', 'text', 'custom'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

export const ELEMENT_DISPLAYS = ['inline', 'side', 'page'] as const;
export type ElementDisplay = (typeof ELEMENT_DISPLAYS)[number];

export interface ElementDto {
  id: string;
  threadId?: string | null;
  stepId?: string | null;
  type: ElementType;
  name: string;
  mime?: string | null;
  size?: number | null;
  display: ElementDisplay;
  url?: string | null;
  props?: JsonValue;
}

export interface ActionDto {
  id: string;
  name: string;
  label: string;
  payload?: JsonValue;
  tooltip?: string | null;
  icon?: string | null;
  stepId?: string | null;
}

export const SETTINGS_WIDGET_KINDS = [
  'switch',
  'slider',
  'select',
  'text',
  'number',
  'tags',
  'multiselect',
  'checkbox',
  'radio',
  'date',
] as const;
export type SettingsWidgetKind = (typeof SETTINGS_WIDGET_KINDS)[number];

export interface SettingsOptionDto {
  value: string;
  label: string;
}

export interface SettingsWidgetDto {
  id: string;
  kind: SettingsWidgetKind;
  label: string;
  description?: string | null;
  initial?: JsonValue;
  min?: number | null;
  max?: number | null;
  step?: number | null;
  options?: SettingsOptionDto[] | null;
  placeholder?: string | null;
  multiline?: boolean | null;
}

export interface StarterDto {
  label: string;
  message: string;
  icon?: string | null;
}

export interface ChatProfileDto {
  name: string;
  description?: string | null;
  icon?: string | null;
  isDefault: boolean;
  starters?: StarterDto[] | null;
}

export type FeedbackValue = 1 | -1;

export interface FeedbackDto {
  id: string;
  stepId: string;
  value: FeedbackValue;
  comment?: string | null;
}

export interface ThreadDto {
  id: string;
  name?: string | null;
  chatProfile?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ThreadDetailDto {
  thread: ThreadDto;
  steps: StepDto[];
  elements: ElementDto[];
}

export interface ThreadPageDto {
  items: ThreadDto[];
  nextCursor?: string | null;
}

export interface UploadedFileDto {
  id: string;
  name: string;
  mime: string;
  size: number;
  type: string;
}

/** Stable error codes of `ClientAck.code` and the `error` event (C# `ErrorCodes`). */
export const ERROR_CODES = [
  'not_found',
  'too_large',
  'rate_limited',
  'bad_request',
  'no_chat',
  'busy',
  'handler_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
