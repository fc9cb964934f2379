// A few composable runtime guards. The client validates every frame and REST body with them, so a
// malformed or foreign message is dropped at the edge instead of corrupting the chat state.
import type { JsonValue } from './json';

export type Guard<T> = (value: unknown) => value is T;

/**
 * A guard per member of T, each checked against the member's type. The compiler cannot tell a
 * guard that is too strict (e.g. one that refuses `undefined` for an optional member); the
 * contract fixture's samples, which leave optional members out, catch that.
 */
export type Shape<T> = { [K in keyof T]-?: Guard<T[K]> };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Guard<string> = (value): value is string => typeof value === 'string';
export const isNumber: Guard<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

export function isJsonValue(value: unknown): value is JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJsonValue);
      return Object.values(value).every(isJsonValue);
    default:
      return false;
  }
}

export function literal<const L extends string>(expected: L): Guard<L> {
  return (value): value is L => value === expected;
}

export function oneOf<const L extends string>(allowed: readonly L[]): Guard<L> {
  const set: ReadonlySet<string> = new Set(allowed);
  return (value): value is L => typeof value === 'string' && set.has(value);
}

/** Null is accepted too: the server omits nulls, but a lenient reader costs nothing. */
export function optional<T>(guard: Guard<T>): Guard<T | null | undefined> {
  return (value): value is T | null | undefined => value === undefined || value === null || guard(value);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(guard);
}

export function recordOf<T>(guard: Guard<T>): Guard<Record<string, T>> {
  return (value): value is Record<string, T> => isRecord(value) && Object.values(value).every(guard);
}

/** Checks the listed members and ignores unknown ones, so a newer server can add fields. */
export function shape<T>(fields: Shape<T>): Guard<T> {
  const entries = Object.entries(fields) as [string, Guard<unknown>][];
  return (value): value is T => isRecord(value) && entries.every(([key, guard]) => guard(value[key]));
}
