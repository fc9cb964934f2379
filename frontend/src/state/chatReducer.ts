import type { ActionDto, ElementDto, FeedbackDto, StepDto } from '../protocol/dtos';
import { type ChatStarted, type ServerEvent, assertNever } from '../protocol/events';
import { type ChatState, ROOT, initialChatState } from './chatState';
import {
  appendToList,
  get,
  insertByTime,
  listOf,
  removeEntries,
  removeFromList,
  setEntry,
  timeOf,
} from './indexes';

/** Errors beyond this many are dropped oldest first, so a failing loop cannot grow the state. */
const MAX_ERRORS = 5;

/** What the UI dispatches: server event batches plus the few changes that originate in the browser. */
export type ChatAction =
  | { kind: 'events'; events: readonly ServerEvent[] }
  | { kind: 'feedback'; stepId: string; feedback: FeedbackDto | null }
  | { kind: 'client_error'; code: string; message: string }
  | { kind: 'dismiss_error'; id: number }
  | { kind: 'open_element'; elementId: string }
  | { kind: 'close_element' }
  | { kind: 'thread_renamed'; threadId: string; name: string }
  | { kind: 'reset' };

export function chatActionReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.kind) {
    case 'events':
      return action.events.reduce(chatReducer, state);
    case 'feedback': {
      const step = get(state.steps, action.stepId);
      if (step === undefined) return state;
      return { ...state, steps: setEntry(state.steps, step.id, { ...step, feedback: action.feedback }) };
    }
    case 'client_error':
      return addError(state, action.code, action.message);
    case 'dismiss_error':
      return { ...state, errors: state.errors.filter((error) => error.id !== action.id) };
    case 'open_element':
      return get(state.elements, action.elementId) === undefined ? state : { ...state, openElementId: action.elementId };
    case 'close_element':
      return state.openElementId === null ? state : { ...state, openElementId: null };
    case 'thread_renamed':
      // The user renamed a thread from the history; the open one's title follows at once.
      return action.threadId === state.threadId ? { ...state, threadName: action.name } : state;
    case 'reset':
      return initialChatState;
    default:
      return assertNever(action);
  }
}

/** Applies one server event. Pure; touches only what the event changes. */
export function chatReducer(state: ChatState, event: ServerEvent): ChatState {
  switch (event.type) {
    case 'chat_started': {
      const started = fromChatStarted(event);
      // chat_started carries no thread name: a re-attached chat (same thread) keeps the one it had.
      return event.threadId === state.threadId && state.threadName !== null ? { ...started, threadName: state.threadName } : started;
    }
    case 'step':
      return upsertStep(state, event.step);
    case 'token': {
      const step = get(state.steps, event.stepId);
      // Tokens always follow their step event; one for an unknown (e.g. deleted) step is stale.
      if (step === undefined || event.text === '') return state;
      return { ...state, steps: setEntry(state.steps, step.id, { ...step, output: step.output + event.text }) };
    }
    case 'step_deleted':
      return deleteStep(state, event.stepId);
    case 'element':
      return upsertElement(state, event.element);
    case 'element_deleted':
      return deleteElement(state, event.elementId);
    case 'actions':
      return event.actions.reduce(upsertAction, state);
    case 'action_removed':
      return deleteAction(state, event.actionId);
    case 'ask': {
      const { type: _discriminator, ...ask } = event;
      return { ...state, ask };
    }
    case 'ask_ended':
      return state.ask?.askId === event.askId ? { ...state, ask: null } : state;
    case 'settings':
      return { ...state, settings: { widgets: event.widgets, values: event.values } };
    case 'running':
      return state.running === event.running ? state : { ...state, running: event.running };
    case 'thread_renamed':
      return event.threadId === state.threadId ? { ...state, threadName: event.name } : state;
    case 'error':
      return addError(state, event.code, event.message);
    case 'host_fn_call':
      // Answered by the copilot's host bridge in ParleyClient; nothing in the chat view changes.
      return state;
    case 'session_ended':
      return { ...state, ended: { reason: event.reason }, running: false, ask: null };
    default:
      return assertNever(event);
  }
}

/** A chat (re)started: the event carries the whole state, so it replaces everything, never merges. */
function fromChatStarted(event: ChatStarted): ChatState {
  const steps: Record<string, StepDto> = {};
  for (const step of event.steps) steps[step.id] = step;
  const children: Record<string, string[]> = {};
  const ordered = [...event.steps].sort((a, b) => timeOf(a) - timeOf(b));
  for (const step of ordered) (children[parentKey(step)] ??= []).push(step.id);

  let state: ChatState = {
    ...initialChatState,
    sessionId: event.sessionId,
    threadId: event.threadId,
    mode: event.mode,
    user: event.user,
    chatProfile: event.chatProfile ?? null,
    steps,
    children,
    settings: event.settings,
    starters: event.starters,
    profiles: event.profiles,
    running: event.running,
    ask: event.ask ?? null,
  };
  state = event.elements.reduce(upsertElement, state);
  return event.actions.reduce(upsertAction, state);
}

function parentKey(step: StepDto): string {
  return step.parentId ?? ROOT;
}

function upsertStep(state: ChatState, step: StepDto): ChatState {
  const previous = get(state.steps, step.id);
  const steps = setEntry(state.steps, step.id, step);
  if (previous === undefined) {
    return { ...state, steps, children: insertByTime(state.children, parentKey(step), step, steps) };
  }
  if (parentKey(previous) === parentKey(step) && timeOf(previous) === timeOf(step)) {
    // The common case (a streaming step finishing, an output update): the order lists stay as they are.
    return { ...state, steps };
  }
  const withoutOld = removeFromList(state.children, parentKey(previous), step.id);
  return { ...state, steps, children: insertByTime(withoutOld, parentKey(step), step, steps) };
}

/** Removes a step with everything nested in it, since nested steps cannot show without their parent. */
function deleteStep(state: ChatState, stepId: string): ChatState {
  const step = get(state.steps, stepId);
  if (step === undefined) return state;
  const doomed: string[] = [];
  const pending = [stepId];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    doomed.push(id);
    pending.push(...listOf(state.children, id));
  }
  const doomedElements = doomed.flatMap((id) => listOf(state.elementsByStep, id));
  const doomedActions = doomed.flatMap((id) => listOf(state.actionsByStep, id));
  return {
    ...state,
    openElementId: state.openElementId !== null && doomedElements.includes(state.openElementId) ? null : state.openElementId,
    steps: removeEntries(state.steps, doomed),
    children: removeEntries(removeFromList(state.children, parentKey(step), stepId), doomed),
    elements: removeEntries(state.elements, doomedElements),
    elementsByStep: removeEntries(state.elementsByStep, doomed),
    actions: removeEntries(state.actions, doomedActions),
    actionsByStep: removeEntries(state.actionsByStep, doomed),
  };
}

function upsertElement(state: ChatState, element: ElementDto): ChatState {
  const previous = get(state.elements, element.id);
  let elementsByStep = state.elementsByStep;
  if (previous !== undefined && (previous.stepId ?? ROOT) !== (element.stepId ?? ROOT)) {
    elementsByStep = removeFromList(elementsByStep, previous.stepId ?? ROOT, element.id);
  }
  return {
    ...state,
    elements: setEntry(state.elements, element.id, element),
    elementsByStep: appendToList(elementsByStep, element.stepId ?? ROOT, element.id),
  };
}

function deleteElement(state: ChatState, elementId: string): ChatState {
  const element = get(state.elements, elementId);
  if (element === undefined) return state;
  return {
    ...state,
    elements: removeEntries(state.elements, [elementId]),
    elementsByStep: removeFromList(state.elementsByStep, element.stepId ?? ROOT, elementId),
    openElementId: state.openElementId === elementId ? null : state.openElementId,
  };
}

function upsertAction(state: ChatState, action: ActionDto): ChatState {
  const previous = get(state.actions, action.id);
  let actionsByStep = state.actionsByStep;
  if (previous !== undefined && (previous.stepId ?? ROOT) !== (action.stepId ?? ROOT)) {
    actionsByStep = removeFromList(actionsByStep, previous.stepId ?? ROOT, action.id);
  }
  return {
    ...state,
    actions: setEntry(state.actions, action.id, action),
    actionsByStep: appendToList(actionsByStep, action.stepId ?? ROOT, action.id),
  };
}

function deleteAction(state: ChatState, actionId: string): ChatState {
  const action = get(state.actions, actionId);
  if (action === undefined) return state;
  return {
    ...state,
    actions: removeEntries(state.actions, [actionId]),
    actionsByStep: removeFromList(state.actionsByStep, action.stepId ?? ROOT, actionId),
  };
}

function addError(state: ChatState, code: string, message: string): ChatState {
  const error = { id: state.nextErrorId, code, message };
  return { ...state, errors: [...state.errors, error].slice(-MAX_ERRORS), nextErrorId: state.nextErrorId + 1 };
}
