import type { ElementDto } from '../../protocol/dtos';
import { formatBytes } from '../../files/fileLimits';
import { Icon } from '../common/Icon';

export function FileElement({ element, url }: { element: ElementDto; url: string }) {
  return (
    <a className="element-file" href={url} download={element.name} rel="noopener noreferrer">
      <Icon name="file" />
      <span>{element.name}</span>
      {element.size != null && <span className="muted">{formatBytes(element.size)}</span>}
    </a>
  );
}
