import { memo } from 'react';
import { listOf } from '../../state/indexes';
import { useChat } from '../../chat/ChatContext';
import { StepNode } from './StepNode';

/** The steps nested in `parentId`, in creation order. Re-renders only when that list changes. */
export const StepChildren = memo(function StepChildren({ parentId }: { parentId: string }) {
  const ids = useChat((state) => listOf(state.children, parentId));
  if (ids.length === 0) return null;
  return (
    <>
      {ids.map((id) => (
        <StepNode key={id} id={id} />
      ))}
    </>
  );
});
