import { type MouseEvent, memo, useMemo, useState } from 'react';
import { MarkdownBlockRenderer } from '../../markdown/renderMarkdown';
import { useChatServices } from '../../chat/ChatContext';

interface MarkdownProps {
  text: string;
  streaming?: boolean;
}

/**
 * Sanitized Markdown, one element per top-level block. While a message streams, only its last
 * block changes: the others keep their HTML string, so React does not touch their DOM and a
 * token costs the same at the end of a long answer as at its start.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: MarkdownProps) {
  const { base } = useChatServices();
  const [renderer] = useState(() => new MarkdownBlockRenderer(base));
  const blocks = useMemo(() => renderer.render(text), [renderer, text]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest('button[data-copy-code]');
    const code = button?.closest('.code-block')?.querySelector('code');
    if (button && code) void navigator.clipboard?.writeText(code.textContent ?? '');
  };

  return (
    <div className={`markdown${streaming ? ' streaming' : ''}`} data-testid="message-content" onClick={onClick}>
      {blocks.map((block, index) => (
        <MarkdownBlockView key={index} html={block.html} />
      ))}
    </div>
  );
});

const MarkdownBlockView = memo(function MarkdownBlockView({ html }: { html: string }) {
  // Safe: MarkdownBlockRenderer escapes raw HTML and DOMPurify sanitizes each block.
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});
