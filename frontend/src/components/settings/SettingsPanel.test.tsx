import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SettingsWidgetDto } from '../../protocol/dtos';
import { chatStarted } from '../../test/fixtures';
import { renderChat } from '../../test/renderChat';
import { SettingsPanel } from './SettingsPanel';

const widgets: SettingsWidgetDto[] = [
  { id: 'stream', kind: 'switch', label: 'Stream', initial: true },
  { id: 'temperature', kind: 'slider', label: 'Temperature', min: 0, max: 2, step: 0.1, initial: 0.7 },
  { id: 'model', kind: 'select', label: 'Model', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], initial: 'a' },
  { id: 'prompt', kind: 'text', label: 'Prompt', multiline: true },
  { id: 'tokens', kind: 'number', label: 'Max tokens', initial: 100 },
  { id: 'tags', kind: 'tags', label: 'Tags', initial: ['x'] },
  { id: 'sources', kind: 'multiselect', label: 'Sources', options: [{ value: 'web', label: 'Web' }, { value: 'docs', label: 'Docs' }] },
  { id: 'cite', kind: 'checkbox', label: 'Cite' },
  { id: 'tone', kind: 'radio', label: 'Tone', options: [{ value: 'dry', label: 'Dry' }, { value: 'warm', label: 'Warm' }], initial: 'dry' },
  { id: 'from', kind: 'date', label: 'From' },
];

describe('SettingsPanel', () => {
  it('renders a widget per kind and sends every value on confirm', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { connection } = await renderChat(<SettingsPanel onClose={onClose} />, {
      events: [chatStarted({ settings: { widgets, values: { model: 'b' } } })],
    });
    expect(screen.getAllByTestId('settings-field').map((field) => field.dataset.kind)).toEqual(widgets.map((widget) => widget.kind));

    await user.click(screen.getByRole('switch', { name: 'Stream' }));
    fireEvent.change(screen.getByLabelText('Temperature'), { target: { value: '1.5' } });
    await user.type(screen.getByLabelText('Prompt'), 'Be brief');
    await user.clear(screen.getByLabelText('Max tokens'));
    await user.type(screen.getByLabelText('Tags'), 'y{Enter}');
    await user.click(screen.getByRole('checkbox', { name: 'Docs' }));
    await user.click(screen.getByRole('checkbox', { name: 'Cite' }));
    await user.click(screen.getByRole('radio', { name: 'Warm' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    await user.click(screen.getByTestId('settings-apply'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(connection.sent).toEqual([
      {
        type: 'settings_update',
        values: {
          stream: false,
          temperature: 1.5,
          model: 'b',
          prompt: 'Be brief',
          tokens: null,
          tags: ['x', 'y'],
          sources: ['docs'],
          cite: true,
          tone: 'warm',
          from: '2026-11-01',
        },
      },
    ]);
  });
});
