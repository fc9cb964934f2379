import { useState } from 'react';
import type { FeedbackValue, StepDto } from '../../protocol/dtos';
import { errorMessage, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';
import { FeedbackDialog } from './FeedbackDialog';

/** Thumbs up/down on an assistant message. Choosing asks for a comment; clicking the chosen thumb again removes the feedback. */
export function FeedbackButtons({ step }: { step: StepDto }) {
  const { api, store } = useChatServices();
  const [pending, setPending] = useState<FeedbackValue | null>(null);
  const current = step.feedback?.value ?? null;

  const report = (error: unknown) => store.dispatch({ kind: 'client_error', code: 'feedback', message: errorMessage(error) });

  const choose = (value: FeedbackValue) => {
    if (value === current) {
      api.deleteFeedback(step.id).then(() => store.dispatch({ kind: 'feedback', stepId: step.id, feedback: null }), report);
    } else {
      setPending(value);
    }
  };

  const submit = (value: FeedbackValue, comment: string) => {
    setPending(null);
    api
      .setFeedback(step.id, value, comment || undefined)
      .then((feedback) => store.dispatch({ kind: 'feedback', stepId: step.id, feedback }), report);
  };

  return (
    <div className="feedback" role="group" aria-label="Rate this answer">
      <IconButton
        icon="thumbsUp"
        label="Good answer"
        data-testid="feedback-up"
        aria-pressed={current === 1}
        className={current === 1 ? 'active' : undefined}
        onClick={() => choose(1)}
      />
      <IconButton
        icon="thumbsDown"
        label="Bad answer"
        data-testid="feedback-down"
        aria-pressed={current === -1}
        className={current === -1 ? 'active' : undefined}
        onClick={() => choose(-1)}
      />
      {pending !== null && (
        <FeedbackDialog
          value={pending}
          initialComment={step.feedback?.comment ?? ''}
          onSubmit={(comment) => submit(pending, comment)}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
