import type { ElementDto } from '../../protocol/dtos';

export function ImageElement({ element, url }: { element: ElementDto; url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="element-image">
      <img src={url} alt={element.name} loading="lazy" />
    </a>
  );
}
