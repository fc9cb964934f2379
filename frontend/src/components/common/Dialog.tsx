import { type ReactNode, useEffect, useId, useRef } from 'react';
import { IconButton } from './IconButton';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  'data-testid'?: string;
}

/** A modal dialog with a title and a close button; Escape and a click outside close it. */
export function Dialog({ title, onClose, children, 'data-testid': testId }: DialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  // The keyboard starts in the dialog, not on the (now hidden) menu item that opened it; a child
  // that took the focus itself keeps it.
  useEffect(() => {
    if (dialog.current && !dialog.current.contains(document.activeElement)) dialog.current.focus();
  }, []);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        ref={dialog}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <h2 id={titleId}>{title}</h2>
          <IconButton icon="close" label="Close" data-testid="dialog-close" onClick={onClose} />
        </div>
        {children}
      </div>
    </div>
  );
}
