import type { StepDto } from '../../protocol/dtos';
import { ActionBar } from '../actions/ActionBar';
import { ElementList } from '../elements/ElementList';
import { FeedbackButtons } from '../feedback/FeedbackButtons';
import { Markdown } from './Markdown';
import { RegenerateButton } from './RegenerateButton';
import { StepChildren } from './StepChildren';
import { UserMessageText } from './UserMessageText';

/** A message step: its nested steps (the work behind the answer), then its content, elements and actions. */
export function Message({ step }: { step: StepDto }) {
  const role = step.type === 'user_message' ? 'user' : step.type === 'assistant_message' ? 'assistant' : 'system';
  return (
    <article
      className={`message ${role}${step.isError ? ' error' : ''}`}
      data-testid="message"
      data-step-id={step.id}
      data-type={step.type}
      data-streaming={step.streaming}
      aria-busy={step.streaming}
    >
      <header className="message-author">{step.name}</header>
      <StepChildren parentId={step.id} />
      {role === 'user' ? (
        <UserMessageText step={step} />
      ) : (
        <Markdown text={step.output} streaming={step.streaming} />
      )}
      <ElementList stepId={step.id} />
      <ActionBar stepId={step.id} />
      {role === 'assistant' && !step.streaming && (
        <div className="message-tools">
          <FeedbackButtons step={step} />
          <RegenerateButton step={step} />
        </div>
      )}
      {role === 'system' && step.isError && (
        <div className="message-tools">
          <RegenerateButton step={step} />
        </div>
      )}
    </article>
  );
}
