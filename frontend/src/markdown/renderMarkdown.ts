// Markdown from the model is untrusted: raw HTML in it is shown as text, links are limited to
// http(s) and mailto and open in a new tab without an opener, and DOMPurify checks the result
// once more in case a renderer rule is ever wrong.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape';
import { highlight } from './highlight';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

function safeUrl(href: string, protocols: ReadonlySet<string>, base: string): string | null {
  try {
    const url = new URL(href, base);
    return protocols.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function titleAttribute(title: string | null | undefined): string {
  return title ? ` title="${escapeHtml(title)}"` : '';
}

function createMarked(base: string): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      link(token: Tokens.Link): string {
        const inner = this.parser.parseInline(token.tokens);
        const href = safeUrl(token.href, LINK_PROTOCOLS, base);
        if (href === null) return inner;
        return `<a href="${escapeHtml(href)}"${titleAttribute(token.title)} target="_blank" rel="noopener noreferrer">${inner}</a>`;
      },
      image(token: Tokens.Image): string {
        const src = safeUrl(token.href, IMAGE_PROTOCOLS, base);
        if (src === null) return escapeHtml(token.text);
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}"${titleAttribute(token.title)} loading="lazy">`;
      },
      code(token: Tokens.Code): string {
        const language = (token.lang ?? '').trim().split(/\s+/)[0] ?? '';
        const label = language ? `<span class="code-language">${escapeHtml(language)}</span>` : '';
        const languageClass = language ? ` class="language-${escapeHtml(language)}"` : '';
        return (
          `<div class="code-block"><div class="code-header">${label}` +
          '<button type="button" class="code-copy" data-copy-code aria-label="Copy code">Copy</button></div>' +
          `<pre><code${languageClass}>${highlight(token.text, language)}</code></pre></div>`
        );
      },
      table(token: Tokens.Table): string {
        // Wide tables scroll inside the message instead of stretching it.
        const header = token.header.map((cell) => this.tablecell(cell)).join('');
        const rows = token.rows.map((row) => `<tr>${row.map((cell) => this.tablecell(cell)).join('')}</tr>`).join('');
        return `<div class="table-scroll"><table><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div>`;
      },
    },
  });
}

let hookInstalled = false;

function installLinkHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!/^(https?:|mailto:)/i.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

const markedByBase = new Map<string, Marked>();

/** Renders untrusted Markdown to sanitized HTML. `base` resolves relative links and images. */
export function renderMarkdown(markdown: string, base: string = document.baseURI): string {
  installLinkHook();
  let marked = markedByBase.get(base);
  if (marked === undefined) {
    marked = createMarked(base);
    markedByBase.set(base, marked);
  }
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, { ADD_ATTR: ['target'], FORBID_ATTR: ['style'], FORBID_TAGS: ['style', 'form'] });
}
