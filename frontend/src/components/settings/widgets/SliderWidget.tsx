import { asNumber } from '../values';
import type { WidgetProps } from './WidgetProps';

export function SliderWidget({ widget, inputId, value, onChange }: WidgetProps) {
  const min = widget.min ?? 0;
  const max = widget.max ?? 1;
  const current = asNumber(value, min);
  return (
    <div className="slider">
      <input
        id={inputId}
        type="range"
        min={min}
        max={max}
        step={widget.step ?? 'any'}
        value={current}
        onChange={(event) => onChange(event.currentTarget.valueAsNumber)}
      />
      <output htmlFor={inputId}>{current}</output>
    </div>
  );
}
