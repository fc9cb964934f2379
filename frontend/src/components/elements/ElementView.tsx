import { memo } from 'react';
import { assertNever } from '../../protocol/events';
import { get } from '../../state/indexes';
import { useChat, useChatServices } from '../../chat/ChatContext';
import { AudioElement } from './AudioElement';
import { CustomElement } from './CustomElement';
import { FileElement } from './FileElement';
import { ImageElement } from './ImageElement';
import { PdfElement } from './PdfElement';
import { TextElement } from './TextElement';
import { VideoElement } from './VideoElement';
import { elementUrl } from './elementUrl';
import type { ElementDto } from '../../protocol/dtos';

function elementBody(element: ElementDto, url: string | null) {
  if (element.type === 'custom') return <CustomElement element={element} />;
  if (url === null) return <span className="muted">{element.name} (no safe link)</span>;
  switch (element.type) {
    case 'image':
      return <ImageElement element={element} url={url} />;
    case 'pdf':
      return <PdfElement element={element} url={url} />;
    case 'audio':
      return <AudioElement element={element} url={url} />;
    case 'video':
      return <VideoElement element={element} url={url} />;
    case 'text':
      return <TextElement element={element} url={url} />;
    case 'file':
      return <FileElement element={element} url={url} />;
    default:
      return assertNever(element.type);
  }
}

/** One element. Inline ones show in place; side and page ones fold behind their name to keep the message short. */
export const ElementView = memo(function ElementView({ id }: { id: string }) {
  const { base } = useChatServices();
  const element = useChat((state) => get(state.elements, id));
  if (element === undefined) return null;
  const body = elementBody(element, elementUrl(element, base));
  return (
    <div className="element" data-testid="element" data-element-type={element.type} data-element-id={element.id}>
      {element.display === 'inline' ? (
        body
      ) : (
        <details>
          <summary>{element.name}</summary>
          {body}
        </details>
      )}
    </div>
  );
});
