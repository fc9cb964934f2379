import { type FormEvent, useCallback, useState } from 'react';
import type { AssistantDto, ParleyApi } from '../../protocol/api';
import { errorMessage } from '../../chat/ChatContext';
import { Dialog } from '../common/Dialog';
import { useReloadable } from '../../hooks/useReloadable';

interface AssistantsDialogProps {
  api: ParleyApi;
  onClose: () => void;
  /** After a save or a delete: the app starts a new chat, whose profiles include the change. */
  onChanged: () => void;
}

const EMPTY: AssistantDto = { name: '', instructions: '', model: '' };

/** Lists, creates, edits and deletes the user's assistants (`{base}api/assistants`); each is a chat profile. */
export function AssistantsDialog({ api, onClose, onChanged }: AssistantsDialogProps) {
  // The form: null while only the list shows; `editing` is the name being edited, null for a new one.
  const [form, setForm] = useState<AssistantDto | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const listAssistants = useCallback(() => api.listAssistants(), [api]);
  const { value: assistants, reload: load } = useReloadable(listAssistants, setProblem);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      setForm(null);
      setEditing(null);
      await load();
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form === null || form.name.trim() === '') return;
    const assistant = { ...form, name: form.name.trim() };
    void run(() => api.saveAssistant(assistant));
  };

  const remove = (name: string) => {
    if (!window.confirm(`Delete the assistant "${name}"?`)) return;
    void run(() => api.deleteAssistant(name));
  };

  return (
    <Dialog title="Assistants" onClose={onClose} data-testid="assistants-dialog">
      <p className="muted">Each assistant is a chat profile: start a new chat and pick it.</p>
      {assistants === null && problem === null && <p className="muted">Loading…</p>}
      {assistants !== null && assistants.length === 0 && <p className="muted" data-testid="assistants-empty">No assistants yet.</p>}
      {assistants !== null && assistants.length > 0 && (
        <ul className="assistant-list" data-testid="assistant-list">
          {assistants.map((assistant) => (
            <li key={assistant.name} className="assistant-item" data-testid="assistant-item" data-name={assistant.name}>
              <span className="assistant-name">
                <strong>{assistant.name}</strong>
                {assistant.model && <span className="muted"> · {assistant.model}</span>}
              </span>
              <button
                type="button"
                className="secondary-button"
                data-testid="assistant-edit"
                disabled={busy}
                onClick={() => {
                  setEditing(assistant.name);
                  setForm({ ...assistant, model: assistant.model ?? '' });
                }}
              >
                Edit
              </button>
              <button type="button" className="secondary-button" data-testid="assistant-delete" disabled={busy} onClick={() => remove(assistant.name)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {form === null ? (
        <div className="dialog-buttons">
          <button
            type="button"
            className="primary-button"
            data-testid="assistant-new"
            disabled={busy}
            onClick={() => {
              setEditing(null);
              setForm(EMPTY);
            }}
          >
            New assistant
          </button>
        </div>
      ) : (
        <form className="assistant-form" data-testid="assistant-form" onSubmit={submit}>
          <label>
            Name
            <input
              data-testid="assistant-name"
              value={form.name}
              disabled={editing !== null}
              required
              maxLength={60}
              onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
            />
          </label>
          <label>
            Instructions
            <textarea
              data-testid="assistant-instructions"
              rows={5}
              maxLength={8000}
              value={form.instructions}
              onChange={(event) => setForm({ ...form, instructions: event.currentTarget.value })}
            />
          </label>
          <label>
            Model <span className="muted">(optional)</span>
            <input data-testid="assistant-model" maxLength={100} value={form.model ?? ''} onChange={(event) => setForm({ ...form, model: event.currentTarget.value })} />
          </label>
          <div className="dialog-buttons">
            <button type="button" className="secondary-button" data-testid="assistant-cancel" onClick={() => setForm(null)}>
              Cancel
            </button>
            <button type="submit" className="primary-button" data-testid="assistant-save" disabled={busy || form.name.trim() === ''}>
              Save
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p className="error-text" role="alert" data-testid="assistants-error">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
