import type { ElementDto } from '../../protocol/dtos';

export function VideoElement({ element, url }: { element: ElementDto; url: string }) {
  return (
    <figure className="element-media">
      <video controls preload="metadata" src={url} aria-label={element.name} />
      <figcaption>{element.name}</figcaption>
    </figure>
  );
}
