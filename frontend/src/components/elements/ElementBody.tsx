import { assertNever } from '../../protocol/events';
import type { ElementDto } from '../../protocol/dtos';
import { useChatServices } from '../../chat/ChatContext';
import { AudioElement } from './AudioElement';
import { CustomElement } from './CustomElement';
import { FileElement } from './FileElement';
import { ImageElement } from './ImageElement';
import { PdfElement } from './PdfElement';
import { TextElement } from './TextElement';
import { VideoElement } from './VideoElement';
import { elementUrl } from './elementUrl';

/** The content of an element, by type: where it shows (inline, side panel, page) is up to the caller. */
export function ElementBody({ element }: { element: ElementDto }) {
  const { base } = useChatServices();
  if (element.type === 'custom') return <CustomElement element={element} />;
  const url = elementUrl(element, base);
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
