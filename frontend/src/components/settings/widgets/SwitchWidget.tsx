import { asBoolean } from '../values';
import type { WidgetProps } from './WidgetProps';

export function SwitchWidget({ inputId, value, onChange }: WidgetProps) {
  return (
    <input
      id={inputId}
      type="checkbox"
      role="switch"
      className="switch"
      checked={asBoolean(value)}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}
