import type { ElementDto } from '../../protocol/dtos';

export function PdfElement({ element, url }: { element: ElementDto; url: string }) {
  return (
    <div className="element-pdf">
      <iframe src={url} title={element.name} loading="lazy" />
      <a href={url} target="_blank" rel="noopener noreferrer">
        Open {element.name}
      </a>
    </div>
  );
}
