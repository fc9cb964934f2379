import { asString } from '../values';
import { type WidgetProps, labelIdFor } from './WidgetProps';

export function RadioWidget({ widget, inputId, value, onChange }: WidgetProps) {
  const current = asString(value);
  return (
    <div id={inputId} role="radiogroup" aria-labelledby={labelIdFor(inputId)} className="choice-group">
      {(widget.options ?? []).map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={inputId}
            value={option.value}
            checked={current === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
