import { useEffect, useRef, useState } from 'react';
import type { FeedbackValue } from '../../protocol/dtos';

interface FeedbackDialogProps {
  value: FeedbackValue;
  initialComment: string;
  onSubmit: (comment: string) => void;
  onCancel: () => void;
}

/** Asks for an optional comment before feedback is saved. Escape cancels. */
export function FeedbackDialog({ value, initialComment, onSubmit, onCancel }: FeedbackDialogProps) {
  const [comment, setComment] = useState(initialComment);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  return (
    <div className="dialog-backdrop" onClick={onCancel}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="feedback-title"
        data-testid="feedback-dialog"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="feedback-title">{value === 1 ? 'What was good?' : 'What went wrong?'}</h2>
        <textarea
          ref={field}
          data-testid="feedback-comment"
          aria-label="Comment (optional)"
          placeholder="Comment (optional)"
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          rows={3}
        />
        <div className="dialog-buttons">
          <button type="button" className="secondary-button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary-button" data-testid="feedback-submit" onClick={() => onSubmit(comment.trim())}>
            Send feedback
          </button>
        </div>
      </div>
    </div>
  );
}
