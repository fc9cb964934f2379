import type { SettingsWidgetDto } from '../../../protocol/dtos';
import type { JsonValue } from '../../../protocol/json';

/** What every settings widget receives. `inputId` labels its control. */
export interface WidgetProps {
  widget: SettingsWidgetDto;
  inputId: string;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
}
