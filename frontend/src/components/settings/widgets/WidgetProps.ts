import type { SettingsWidgetDto } from '../../../protocol/dtos';
import type { JsonValue } from '../../../protocol/json';

/** What every settings widget receives. `inputId` labels its control. */
export interface WidgetProps {
  widget: SettingsWidgetDto;
  inputId: string;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
}

/** The id of the field's label: widgets made of several controls label their group with it. */
export function labelIdFor(inputId: string): string {
  return `${inputId}-label`;
}
