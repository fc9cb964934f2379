import { memo } from 'react';
import { isMessageType } from '../../protocol/dtos';
import { get } from '../../state/indexes';
import { useChat } from '../../chat/ChatContext';
import { Message } from './Message';
import { StepChildren } from './StepChildren';
import { StepDetails } from './StepDetails';

/**
 * One step, subscribed to its own entry only, so a token re-renders just the streaming step.
 * Messages show as messages; a `run` (one handler invocation) is only a container; other steps
 * (tools, LLM calls…) fold into a collapsible block.
 */
export const StepNode = memo(function StepNode({ id }: { id: string }) {
  const step = useChat((state) => get(state.steps, id));
  if (step === undefined) return null;
  if (isMessageType(step.type)) return <Message step={step} />;
  if (step.type === 'run') return <StepChildren parentId={step.id} />;
  return <StepDetails step={step} />;
});
