import { type KeyboardEvent, useState } from 'react';
import type { StepDto } from '../../protocol/dtos';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';

/**
 * The text of one of the user's messages, with an "Edit" button that turns it into a textarea:
 * Save sends `edit_message` (the steps after it are deleted and it is answered again), Cancel restores it.
 */
export function UserMessageText({ step }: { step: StepDto }) {
  const services = useChatServices();
  const running = useChat((state) => state.running);
  const ended = useChat((state) => state.ended !== null);
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const maxChars = services.limits.maxMessageChars;

  if (draft === null) {
    return (
      <>
        {/* What the user typed is shown as typed: Markdown would reinterpret their characters. */}
        <div className="message-text" data-testid="message-content">
          {step.output}
        </div>
        {/* Always rendered, so a run starting or ending only changes what is inside. */}
        <div className="message-tools">
          {!running && !ended && <IconButton icon="edit" label="Edit" data-testid="edit-message-button" onClick={() => setDraft(step.output)} />}
        </div>
      </>
    );
  }

  const invalid = draft.trim() === '' || draft.length > maxChars;
  const save = async () => {
    if (invalid || saving) return;
    if (draft === step.output) {
      setDraft(null);
      return;
    }
    setSaving(true);
    const ok = await sendOrReport(services, (client) => client.editMessage(step.id, draft));
    setSaving(false);
    if (ok) setDraft(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <div className="message-edit">
      <textarea
        className="message-edit-input"
        data-testid="edit-message-input"
        aria-label="Edit your message"
        value={draft}
        autoFocus
        rows={Math.min(10, Math.max(2, draft.split('\n').length))}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message-edit-buttons">
        <button type="button" className="secondary-button" data-testid="edit-message-cancel" onClick={() => setDraft(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="primary-button"
          data-testid="edit-message-save"
          disabled={invalid || saving || running}
          onClick={() => void save()}
        >
          Save
        </button>
      </div>
    </div>
  );
}
