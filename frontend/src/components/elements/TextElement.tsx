import { useEffect, useState } from 'react';
import type { ElementDto } from '../../protocol/dtos';
import { errorMessage, useChatServices } from '../../chat/ChatContext';

type Load = { state: 'loading' } | { state: 'loaded'; text: string } | { state: 'failed'; message: string };

/** Fetched and shown as preformatted text: never rendered as Markdown or HTML. */
export function TextElement({ element, url }: { element: ElementDto; url: string }) {
  const { api } = useChatServices();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ state: 'loading' });
    api.fetchText(url, abort.signal).then(
      (text) => setLoad({ state: 'loaded', text }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ state: 'failed', message: errorMessage(error) });
      },
    );
    return () => abort.abort();
  }, [api, url]);

  return (
    <figure className="element-text">
      <figcaption>{element.name}</figcaption>
      {load.state === 'loading' && <p className="muted">Loading…</p>}
      {load.state === 'failed' && <p className="error-text">Could not load {element.name}: {load.message}</p>}
      {load.state === 'loaded' && <pre>{load.text}</pre>}
    </figure>
  );
}
