import { describe, expect, it } from 'vitest';
import { MarkdownBlockRenderer, renderMarkdown } from './renderMarkdown';

const BASE = 'https://chat.example.com/support/';

function render(markdown: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(markdown, BASE);
  return container;
}

describe('renderMarkdown', () => {
  it('renders emphasis, lists and tables', () => {
    const html = render('**bold** _it_\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html.querySelector('strong')?.textContent).toBe('bold');
    expect(html.querySelectorAll('li')).toHaveLength(2);
    expect(html.querySelector('.table-scroll table td')?.textContent).toBe('1');
  });

  it('shows raw HTML as text instead of rendering it', () => {
    const html = render('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">');
    expect(html.querySelector('script')).toBeNull();
    expect(html.querySelector('img')).toBeNull();
    expect(html.textContent).toContain('<script>alert(1)</script>');
    expect(html.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('shows a block of raw HTML as text too', () => {
    const html = render('<div onclick="steal()">\n<iframe src="https://evil.example"></iframe>\n</div>');
    expect(html.querySelector('div[onclick]')).toBeNull();
    expect(html.querySelector('iframe')).toBeNull();
    expect(html.textContent).toContain('<iframe');
  });

  it('drops javascript: and data: links but keeps their text', () => {
    const html = render('[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](  JaVaScRiPt:alert(1))');
    expect(html.querySelector('a')).toBeNull();
    expect(html.textContent).toContain('click');
  });

  it('opens http, https and mailto links in a new tab without an opener', () => {
    const html = render('[docs](https://example.com/docs) <mailto:help@example.com> [rel](faq)');
    const links = [...html.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/docs',
      'mailto:help@example.com',
      'https://chat.example.com/support/faq',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('keeps only http(s) images', () => {
    const html = render('![ok](https://example.com/a.png) ![bad](javascript:alert(1))');
    const images = html.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute('src')).toBe('https://example.com/a.png');
    expect(html.textContent).toContain('bad');
  });

  it('highlights fenced code and escapes it', () => {
    const html = render('```ts\nconst x = "<b>"; // note\n```');
    const code = html.querySelector('pre code.language-ts');
    expect(code?.querySelector('.tok-keyword')?.textContent).toBe('const');
    expect(code?.querySelector('.tok-string')?.textContent).toBe('"<b>"');
    expect(code?.querySelector('.tok-comment')?.textContent).toBe('// note');
    expect(code?.querySelector('b')).toBeNull();
    expect(html.querySelector('.code-language')?.textContent).toBe('ts');
    expect(html.querySelector('button[data-copy-code]')).not.toBeNull();
  });

  it('does not let a code language break out of its attribute', () => {
    const html = render('```"><img src=x onerror=alert(1)>\ncode\n```');
    expect(html.querySelector('img')).toBeNull();
  });
});

describe('MarkdownBlockRenderer', () => {
  it('renders a growing text block by block and keeps finished blocks', () => {
    const renderer = new MarkdownBlockRenderer(BASE);
    const first = renderer.render('Para one.\n\nPara t');
    expect(first.map((block) => block.html)).toEqual(['<p>Para one.</p>', '<p>Para t</p>']);
    const second = renderer.render('Para one.\n\nPara two.\n\n| a |\n|---|\n| 1 |');
    expect(second).toHaveLength(3);
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.html).toBe('<p>Para two.</p>');
    expect(second[2]?.html).toContain('<table>');
  });

  it('joins list items that arrive after a blank line to the open list', () => {
    const renderer = new MarkdownBlockRenderer(BASE);
    renderer.render('- one\n\n');
    const blocks = renderer.render('- one\n\n- two');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.html.match(/<li>/g)).toHaveLength(2);
  });

  it('starts over when the text is replaced instead of extended', () => {
    const renderer = new MarkdownBlockRenderer(BASE);
    renderer.render('Old answer.\n\nMore');
    expect(renderer.render('New answer.').map((block) => block.html)).toEqual(['<p>New answer.</p>']);
  });

  it('resolves references defined in earlier blocks and still escapes raw HTML', () => {
    const renderer = new MarkdownBlockRenderer(BASE);
    renderer.render('[docs]: https://example.com/docs\n\nSee ');
    const blocks = renderer.render('[docs]: https://example.com/docs\n\nSee [the docs][docs] <img src=x onerror=alert(1)>');
    const container = document.createElement('div');
    container.innerHTML = blocks.map((block) => block.html).join('');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
    expect(container.querySelector('img')).toBeNull();
  });

  it('renders Windows line ends like Unix ones', () => {
    const renderer = new MarkdownBlockRenderer(BASE);
    expect(renderer.render('a\r\n\r\nb').map((block) => block.html)).toEqual(['<p>a</p>', '<p>b</p>']);
  });
});
