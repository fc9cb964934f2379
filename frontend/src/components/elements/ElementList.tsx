import { ROOT } from '../../state/chatState';
import { listOf } from '../../state/indexes';
import { useChat } from '../../chat/ChatContext';
import { ElementView } from './ElementView';

/** The elements of a step, or of the thread when `stepId` is omitted. */
export function ElementList({ stepId = ROOT }: { stepId?: string }) {
  const ids = useChat((state) => listOf(state.elementsByStep, stepId));
  if (ids.length === 0) return null;
  return (
    <div className="element-list">
      {ids.map((id) => (
        <ElementView key={id} id={id} />
      ))}
    </div>
  );
}
