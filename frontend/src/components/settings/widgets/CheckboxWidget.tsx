import { asBoolean } from '../values';
import type { WidgetProps } from './WidgetProps';

export function CheckboxWidget({ inputId, value, onChange }: WidgetProps) {
  return <input id={inputId} type="checkbox" checked={asBoolean(value)} onChange={(event) => onChange(event.currentTarget.checked)} />;
}
