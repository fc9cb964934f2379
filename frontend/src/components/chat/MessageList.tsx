import { useEffect, useRef } from 'react';
import { ROOT } from '../../state/chatState';
import { listOf } from '../../state/indexes';
import { useChat } from '../../chat/ChatContext';
import { ActionBar } from '../actions/ActionBar';
import { ElementList } from '../elements/ElementList';
import { StepNode } from './StepNode';

/** Pixels from the bottom within which the list keeps following new output. */
const FOLLOW_THRESHOLD = 80;

/** The thread. Follows streaming output while the user is at the bottom, and stays put once they scroll up. */
export function MessageList() {
  const ids = useChat((state) => listOf(state.children, ROOT));
  const scroller = useRef<HTMLDivElement>(null);
  const column = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // Watching the column's size instead of the chat state keeps this list out of per-token renders.
  useEffect(() => {
    const element = scroller.current;
    const content = column.current;
    if (element === null || content === null || typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(() => {
      if (following.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={scroller}
      className="message-list"
      data-testid="message-list"
      role="log"
      aria-label="Conversation"
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD;
      }}
    >
      <div ref={column} className="message-column">
        {ids.map((id) => (
          <StepNode key={id} id={id} />
        ))}
        <ElementList />
        <ActionBar />
      </div>
    </div>
  );
}
