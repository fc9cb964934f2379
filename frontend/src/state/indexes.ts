// Small immutable helpers over the id-keyed records and ordered id lists of ChatState. Each one
// copies only the record or list it changes.
import type { StepDto } from '../protocol/dtos';
import { EMPTY_LIST, ROOT } from './chatState';

type IdRecord<T> = Readonly<Record<string, T>>;
type IdLists = Readonly<Record<string, readonly string[]>>;

export function has<T>(record: IdRecord<T>, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, id);
}

/** An own entry only: ids come from the wire, and `record['constructor']` must not find Object's. */
export function get<T>(record: IdRecord<T>, id: string): T | undefined {
  return has(record, id) ? record[id] : undefined;
}

export function setEntry<T>(record: IdRecord<T>, id: string, value: T): IdRecord<T> {
  return { ...record, [id]: value };
}

export function removeEntries<T>(record: IdRecord<T>, ids: Iterable<string>): IdRecord<T> {
  const copy = { ...record };
  for (const id of ids) delete copy[id];
  return copy;
}

export function listOf(lists: IdLists, key: string): readonly string[] {
  return has(lists, key) ? (lists[key] ?? EMPTY_LIST) : EMPTY_LIST;
}

export function appendToList(lists: IdLists, key: string, id: string): IdLists {
  const list = listOf(lists, key);
  return list.includes(id) ? lists : { ...lists, [key]: [...list, id] };
}

export function removeFromList(lists: IdLists, key: string, id: string): IdLists {
  const list = listOf(lists, key);
  if (!list.includes(id)) return lists;
  const next = list.filter((other) => other !== id);
  if (next.length > 0) return { ...lists, [key]: next };
  const copy = { ...lists };
  delete copy[key];
  return copy;
}

export function timeOf(step: StepDto): number {
  const time = Date.parse(step.createdAt);
  return Number.isNaN(time) ? 0 : time;
}

/**
 * Inserts `step.id` after the last sibling created at or before it: a binary search, so streaming
 * into a long thread stays cheap, and equal times keep arrival order.
 */
export function insertByTime(
  lists: IdLists,
  key: string,
  step: StepDto,
  steps: IdRecord<StepDto>,
): IdLists {
  const list = listOf(lists, key);
  const time = timeOf(step);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const sibling = get(steps, list[mid] ?? ROOT);
    if (sibling !== undefined && timeOf(sibling) <= time) low = mid + 1;
    else high = mid;
  }
  return { ...lists, [key]: [...list.slice(0, low), step.id, ...list.slice(low)] };
}
