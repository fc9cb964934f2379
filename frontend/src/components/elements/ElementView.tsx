import { memo } from 'react';
import { get } from '../../state/indexes';
import { useChat, useChatServices } from '../../chat/ChatContext';
import { Icon } from '../common/Icon';
import { ElementBody } from './ElementBody';

/**
 * One element. Inline ones show in place; side and page ones show as a link in the message that
 * opens them in the side panel (side) or over the whole chat (page), keeping the message short.
 */
export const ElementView = memo(function ElementView({ id }: { id: string }) {
  const { store } = useChatServices();
  const element = useChat((state) => get(state.elements, id));
  const open = useChat((state) => state.openElementId === id);
  if (element === undefined) return null;
  return (
    <div className="element" data-testid="element" data-element-type={element.type} data-element-id={element.id} data-display={element.display}>
      {element.display === 'inline' ? (
        <ElementBody element={element} />
      ) : (
        <button
          type="button"
          className={`element-link${open ? ' active' : ''}`}
          data-testid="element-link"
          aria-expanded={open}
          onClick={() => store.dispatch(open ? { kind: 'close_element' } : { kind: 'open_element', elementId: element.id })}
        >
          <Icon name="file" />
          <span>{element.name}</span>
        </button>
      )}
    </div>
  );
});
