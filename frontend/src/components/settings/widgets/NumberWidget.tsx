import type { WidgetProps } from './WidgetProps';

export function NumberWidget({ widget, inputId, value, onChange }: WidgetProps) {
  return (
    <input
      id={inputId}
      type="number"
      min={widget.min ?? undefined}
      max={widget.max ?? undefined}
      step={widget.step ?? 'any'}
      placeholder={widget.placeholder ?? undefined}
      value={typeof value === 'number' ? value : ''}
      // An emptied field is null, not 0: "no value" and zero mean different things to a handler.
      onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.valueAsNumber)}
    />
  );
}
