import { type KeyboardEvent, useState } from 'react';
import { asStringArray } from '../values';
import type { WidgetProps } from './WidgetProps';

/** Free-form tags: Enter or comma adds the typed tag, Backspace on an empty field removes the last. */
export function TagsWidget({ widget, inputId, value, onChange }: WidgetProps) {
  const tags = asStringArray(value);
  const [draft, setDraft] = useState('');

  const add = () => {
    const tag = draft.trim();
    if (tag !== '' && !tags.includes(tag)) onChange([...tags, tag]);
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="tags">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          <button type="button" aria-label={`Remove ${tag}`} onClick={() => onChange(tags.filter((other) => other !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        id={inputId}
        type="text"
        placeholder={widget.placeholder ?? 'Add…'}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
    </div>
  );
}
