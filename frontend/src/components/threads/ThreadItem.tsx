import { type FormEvent, useRef, useState } from 'react';
import type { ThreadDto } from '../../protocol/dtos';
import { errorMessage } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';

interface ThreadItemProps {
  thread: ThreadDto;
  active: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, name: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

type Mode = 'view' | 'rename' | 'confirm-delete';

/** A thread in the history: opens on click, renames inline, deletes after an inline confirmation. */
export function ThreadItem({ thread, active, onOpen, onRename, onDelete }: ThreadItemProps) {
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(thread.name ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  // Enter, Escape and blur can all end one edit; only the first may act on it.
  const editing = useRef(false);
  const title = thread.name || 'Untitled chat';

  const run = (work: Promise<void>) =>
    work.then(
      () => {
        setMode('view');
        setProblem(null);
      },
      (error: unknown) => {
        // A failed rename stays open so the user can retry or press Escape.
        editing.current = mode === 'rename';
        setProblem(errorMessage(error));
      },
    );

  const startRename = () => {
    editing.current = true;
    setName(thread.name ?? '');
    setMode('rename');
  };

  const cancelRename = () => {
    editing.current = false;
    setMode('view');
  };

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    if (!editing.current) return;
    editing.current = false;
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === thread.name) setMode('view');
    else void run(onRename(thread.id, trimmed));
  };

  return (
    <li className={`thread-item${active ? ' active' : ''}`} data-testid="thread-item" data-thread-id={thread.id}>
      {mode === 'rename' ? (
        <form className="thread-rename" onSubmit={submitRename}>
          <input
            autoFocus
            data-testid="thread-rename-input"
            aria-label="Thread name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancelRename();
            }}
            onBlur={submitRename}
          />
        </form>
      ) : (
        <button type="button" className="thread-open" aria-current={active ? 'page' : undefined} onClick={() => onOpen(thread.id)}>
          {title}
        </button>
      )}
      {mode === 'view' && (
        <span className="thread-tools">
          <IconButton
            icon="edit"
            label={`Rename ${title}`}
            data-testid="thread-rename-button"
            onClick={startRename}
          />
          <IconButton icon="trash" label={`Delete ${title}`} data-testid="thread-delete-button" onClick={() => setMode('confirm-delete')} />
        </span>
      )}
      {mode === 'confirm-delete' && (
        <span className="thread-confirm" role="group" aria-label={`Delete ${title}?`}>
          <span>Delete?</span>
          <button type="button" className="danger-button" data-testid="thread-delete-confirm" onClick={() => void run(onDelete(thread.id))}>
            Delete
          </button>
          <button type="button" className="secondary-button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </span>
      )}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
