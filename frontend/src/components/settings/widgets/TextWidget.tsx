import { asString } from '../values';
import type { WidgetProps } from './WidgetProps';

export function TextWidget({ widget, inputId, value, onChange }: WidgetProps) {
  const common = {
    id: inputId,
    placeholder: widget.placeholder ?? undefined,
    value: asString(value),
  };
  return widget.multiline ? (
    <textarea {...common} rows={4} onChange={(event) => onChange(event.currentTarget.value)} />
  ) : (
    <input {...common} type="text" onChange={(event) => onChange(event.currentTarget.value)} />
  );
}
