import { useEffect } from 'react';
import { get } from '../../state/indexes';
import { useChat, useChatServices } from '../../chat/ChatContext';
import { IconButton } from '../common/IconButton';
import { ElementBody } from './ElementBody';

/** The element opened from a message: beside the chat (display "side") or over it (display "page"). */
export function ElementPanel() {
  const { store } = useChatServices();
  const element = useChat((state) => (state.openElementId === null ? undefined : get(state.elements, state.openElementId)));

  useEffect(() => {
    if (element === undefined) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.dispatch({ kind: 'close_element' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [element, store]);

  if (element === undefined) return null;
  const mode = element.display === 'page' ? 'page' : 'side';
  return (
    <aside className={`element-panel ${mode}`} data-testid="element-panel" data-display={mode} data-element-id={element.id} aria-label={element.name}>
      <header className="element-panel-header">
        <h2>{element.name}</h2>
        <IconButton icon="close" label={`Close ${element.name}`} data-testid="element-panel-close" onClick={() => store.dispatch({ kind: 'close_element' })} />
      </header>
      <div className="element-panel-body">
        <ElementBody element={element} />
      </div>
    </aside>
  );
}
