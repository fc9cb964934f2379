import { asString } from '../values';
import type { WidgetProps } from './WidgetProps';

/** An ISO date (yyyy-mm-dd), or null when cleared. */
export function DateWidget({ inputId, value, onChange }: WidgetProps) {
  return (
    <input
      id={inputId}
      type="date"
      value={asString(value)}
      onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
    />
  );
}
