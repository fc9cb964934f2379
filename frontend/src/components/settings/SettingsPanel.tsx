import { type FormEvent, useEffect, useState } from 'react';
import type { JsonValue } from '../../protocol/json';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';
import { SettingsField } from './SettingsField';

/**
 * The chat settings. Changes are a draft until confirmed, then go to the handler as one
 * `settings_update` with every value, so it never sees a half-edited set.
 */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const services = useChatServices();
  const settings = useChat((state) => state.settings);
  const [draft, setDraft] = useState<Record<string, JsonValue>>(() => initialValues(settings.widgets, settings.values));
  const [saving, setSaving] = useState(false);

  // Escape closes the dialog wherever the focus is (a native <select> keeps its keys to itself).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const ok = await sendOrReport(services, (client) => client.updateSettings(draft));
    setSaving(false);
    if (ok) onClose();
  };

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <form
        className="dialog settings-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-panel"
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => void onSubmit(event)}
      >
        <div className="dialog-title">
          <h2 id="settings-title">Chat settings</h2>
          <IconButton icon="close" label="Close settings" onClick={onClose} />
        </div>
        <div className="settings-fields">
          {settings.widgets.map((widget) => (
            <SettingsField
              key={widget.id}
              widget={widget}
              value={draft[widget.id]}
              onChange={(value) => setDraft((current) => ({ ...current, [widget.id]: value }))}
            />
          ))}
        </div>
        <div className="dialog-buttons">
          <button type="button" className="secondary-button" onClick={() => setDraft(initialValues(settings.widgets, {}))}>
            Reset
          </button>
          <button type="submit" className="primary-button" data-testid="settings-apply" disabled={saving}>
            Confirm
          </button>
        </div>
      </form>
    </div>
  );
}

/** Current values, with each widget's initial value where the handler sent none. */
function initialValues(
  widgets: readonly { id: string; initial?: JsonValue }[],
  values: Readonly<Record<string, JsonValue>>,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  for (const widget of widgets) {
    const value = Object.prototype.hasOwnProperty.call(values, widget.id) ? values[widget.id] : widget.initial;
    if (value !== undefined) result[widget.id] = value;
  }
  return result;
}
