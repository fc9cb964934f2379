import { asString } from '../values';
import type { WidgetProps } from './WidgetProps';

export function SelectWidget({ widget, inputId, value, onChange }: WidgetProps) {
  return (
    <select id={inputId} value={asString(value)} onChange={(event) => onChange(event.currentTarget.value)}>
      {(widget.options ?? []).map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
