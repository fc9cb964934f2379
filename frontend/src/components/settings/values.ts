// Settings values arrive as arbitrary JSON; each widget reads the shape it needs and falls back
// to an empty value, so one wrong value from a handler cannot break the panel.
import type { JsonValue } from '../../protocol/json';

export function asString(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function asNumber(value: JsonValue | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function asBoolean(value: JsonValue | undefined): boolean {
  return value === true;
}

export function asStringArray(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
