// Markdown from the model is untrusted: raw HTML in it is shown as text, links are limited to
// http(s) and mailto and open in a new tab without an opener, and DOMPurify checks the result
// once more in case a renderer rule is ever wrong.
import DOMPurify from 'dompurify';
import { Lexer, Marked, type Token, type Tokens, type TokensList } from 'marked';
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

function markedFor(base: string): Marked {
  installLinkHook();
  let marked = markedByBase.get(base);
  if (marked === undefined) {
    marked = createMarked(base);
    markedByBase.set(base, marked);
  }
  return marked;
}

function sanitize(html: string): string {
  return DOMPurify.sanitize(html, { ADD_ATTR: ['target'], FORBID_ATTR: ['style'], FORBID_TAGS: ['style', 'form'] });
}

/** Renders untrusted Markdown to sanitized HTML. `base` resolves relative links and images. */
export function renderMarkdown(markdown: string, base: string = document.baseURI): string {
  return sanitize(markedFor(base).parse(markdown, { async: false }));
}

/** One top-level block (paragraph, list, table, code block…) of rendered Markdown. */
export interface MarkdownBlock {
  /** Sanitized HTML of the block. */
  html: string;
}

/**
 * Renders a growing Markdown text block by block, for streaming. Every block but the last is
 * final once a later block has started (a blank line or a new construct closed it), so it is
 * rendered once and kept: each update lexes and renders only the text from the start of the last
 * block. The cost of a token then depends on the size of the last block, not on the length of the
 * message, and unchanged blocks keep their HTML string, so React leaves their DOM alone.
 *
 * A text that does not extend the previous one (an edited message) starts over. Link reference
 * definitions are collected from final blocks; one that arrives after its use in a later block
 * links only when the message is rendered afresh (e.g. reopened from history).
 */
export class MarkdownBlockRenderer {
  private readonly base: string;
  private readonly marked: Marked;
  private stableSource = '';
  private stableBlocks: MarkdownBlock[] = [];
  private links: TokensList['links'] = {};

  constructor(base: string = document.baseURI) {
    this.base = base;
    this.marked = markedFor(base);
  }

  render(markdown: string): readonly MarkdownBlock[] {
    // The lexer normalizes line ends; doing it first keeps the token offsets equal to ours.
    const text = markdown.replace(/\r\n?/g, '\n');
    if (!text.startsWith(this.stableSource)) this.reset();
    const tail = text.slice(this.stableSource.length);
    // Seeded with the references of earlier blocks, since inline links are resolved while lexing.
    const lexer = new Lexer(this.marked.defaults);
    Object.assign(lexer.tokens.links, this.links);
    const tokens = lexer.lex(tail);
    if (tokens.map((token) => token.raw).join('') !== tail) {
      // The tokens do not cover the text exactly, so offsets cannot be trusted: render it whole.
      this.reset();
      return [{ html: renderMarkdown(text, this.base) }];
    }
    Object.assign(this.links, tokens.links);
    const lastContent = findLastIndex(tokens, (token) => token.type !== 'space');
    for (let index = 0; index < lastContent; index++) {
      const token = tokens[index]!;
      this.stableSource += token.raw;
      if (token.type !== 'space' && token.type !== 'def') this.stableBlocks.push({ html: this.renderBlock(token) });
    }
    const last = lastContent >= 0 ? tokens[lastContent]! : null;
    if (last === null || last.type === 'def') return this.stableBlocks;
    return [...this.stableBlocks, { html: this.renderBlock(last) }];
  }

  private renderBlock(token: Token): string {
    const list = Object.assign([token], { links: this.links }) as TokensList;
    return sanitize(this.marked.parser(list)).trim();
  }

  private reset(): void {
    this.stableSource = '';
    this.stableBlocks = [];
    this.links = {};
  }
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!)) return index;
  return -1;
}
