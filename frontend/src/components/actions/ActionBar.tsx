import { ROOT } from '../../state/chatState';
import { listOf } from '../../state/indexes';
import { useChat } from '../../chat/ChatContext';
import { ActionButton } from './ActionButton';

/** The action buttons of a step, or those on no step when `stepId` is omitted. */
export function ActionBar({ stepId = ROOT }: { stepId?: string }) {
  const ids = useChat((state) => listOf(state.actionsByStep, stepId));
  if (ids.length === 0) return null;
  return (
    <div className="action-bar" role="group" aria-label="Actions">
      {ids.map((id) => (
        <ActionButton key={id} id={id} />
      ))}
    </div>
  );
}
