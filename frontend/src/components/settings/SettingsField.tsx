import { useId } from 'react';
import type { SettingsWidgetDto } from '../../protocol/dtos';
import { assertNever } from '../../protocol/events';
import type { JsonValue } from '../../protocol/json';
import { CheckboxWidget } from './widgets/CheckboxWidget';
import { DateWidget } from './widgets/DateWidget';
import { MultiselectWidget } from './widgets/MultiselectWidget';
import { NumberWidget } from './widgets/NumberWidget';
import { RadioWidget } from './widgets/RadioWidget';
import { SelectWidget } from './widgets/SelectWidget';
import { SliderWidget } from './widgets/SliderWidget';
import { SwitchWidget } from './widgets/SwitchWidget';
import { TagsWidget } from './widgets/TagsWidget';
import { TextWidget } from './widgets/TextWidget';
import { type WidgetProps, labelIdFor } from './widgets/WidgetProps';

function widgetFor(props: WidgetProps) {
  switch (props.widget.kind) {
    case 'switch':
      return <SwitchWidget {...props} />;
    case 'slider':
      return <SliderWidget {...props} />;
    case 'select':
      return <SelectWidget {...props} />;
    case 'text':
      return <TextWidget {...props} />;
    case 'number':
      return <NumberWidget {...props} />;
    case 'tags':
      return <TagsWidget {...props} />;
    case 'multiselect':
      return <MultiselectWidget {...props} />;
    case 'checkbox':
      return <CheckboxWidget {...props} />;
    case 'radio':
      return <RadioWidget {...props} />;
    case 'date':
      return <DateWidget {...props} />;
    default:
      return assertNever(props.widget.kind);
  }
}

interface SettingsFieldProps {
  widget: SettingsWidgetDto;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
}

/** One setting: its label, the widget for its kind, and its help text. */
export function SettingsField({ widget, value, onChange }: SettingsFieldProps) {
  const inputId = useId();
  return (
    <div className="settings-field" data-testid="settings-field" data-setting-id={widget.id} data-kind={widget.kind}>
      <label id={labelIdFor(inputId)} htmlFor={inputId}>
        {widget.label}
      </label>
      {widgetFor({ widget, inputId, value, onChange })}
      {widget.description && (
        <p className="muted">
          {widget.description}
        </p>
      )}
    </div>
  );
}
