import type { ElementDto } from '../../protocol/dtos';

/** Until custom element components exist, the props are shown as JSON so the data is not lost. */
export function CustomElement({ element }: { element: ElementDto }) {
  return (
    <figure className="element-custom">
      <figcaption>{element.name}</figcaption>
      <pre>{JSON.stringify(element.props ?? null, null, 2)}</pre>
    </figure>
  );
}
