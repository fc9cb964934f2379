import { type MouseEvent, memo, useDeferredValue, useMemo } from 'react';
import { renderMarkdown } from '../../markdown/renderMarkdown';
import { useChatServices } from '../../chat/ChatContext';

interface MarkdownProps {
  text: string;
  streaming?: boolean;
}

/** Sanitized Markdown. While streaming, React may skip intermediate texts (useDeferredValue) under load. */
export const Markdown = memo(function Markdown({ text, streaming = false }: MarkdownProps) {
  const { base } = useChatServices();
  const deferred = useDeferredValue(text);
  const html = useMemo(() => renderMarkdown(deferred, base), [deferred, base]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest('button[data-copy-code]');
    const code = button?.closest('.code-block')?.querySelector('code');
    if (button && code) void navigator.clipboard?.writeText(code.textContent ?? '');
  };

  return (
    <div
      className={`markdown${streaming ? ' streaming' : ''}`}
      data-testid="message-content"
      onClick={onClick}
      // Safe: renderMarkdown escapes raw HTML and DOMPurify sanitizes the result.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
