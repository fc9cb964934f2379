import { asStringArray } from '../values';
import { type WidgetProps, labelIdFor } from './WidgetProps';

/** Several choices as a checkbox group: easier to use than a <select multiple>, on touch screens too. */
export function MultiselectWidget({ widget, inputId, value, onChange }: WidgetProps) {
  const selected = asStringArray(value);
  const toggle = (optionValue: string, checked: boolean) => {
    const others = selected.filter((item) => item !== optionValue);
    // Keeps the widget's option order, whatever order the user clicked in.
    const next = checked ? [...others, optionValue] : others;
    onChange((widget.options ?? []).map((option) => option.value).filter((item) => next.includes(item)));
  };
  return (
    <div id={inputId} role="group" aria-labelledby={labelIdFor(inputId)} className="choice-group">
      {(widget.options ?? []).map((option) => (
        <label key={option.value} className="choice">
          <input type="checkbox" checked={selected.includes(option.value)} onChange={(event) => toggle(option.value, event.currentTarget.checked)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
