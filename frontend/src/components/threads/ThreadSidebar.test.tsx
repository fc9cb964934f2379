import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ParleyApi } from '../../protocol/api';
import type { ThreadDto } from '../../protocol/dtos';
import { BASE } from '../../test/renderChat';
import { ThreadSidebar } from './ThreadSidebar';

function thread(id: string, name: string): ThreadDto {
  return { id, name, createdAt: '2026-11-21T08:00:00+00:00', updatedAt: '2026-11-21T08:00:00+00:00' };
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

/** A thread endpoint over an in-memory list: two per page, search by name. */
function threadServer(threads: ThreadDto[]) {
  const requests: { method: string; url: URL; body: unknown }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    requests.push({ method, url, body: init?.body });
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (method === 'PATCH') return json({ ...threads.find((t) => t.id === id), name: JSON.parse(String(init?.body)).name });
    if (method === 'DELETE') return new Response(null, { status: 204 });
    const search = url.searchParams.get('search') ?? '';
    const start = Number(url.searchParams.get('cursor') ?? '0');
    const matching = threads.filter((t) => (t.name ?? '').toLowerCase().includes(search.toLowerCase()));
    const page = matching.slice(start, start + 2);
    return json({ items: page, ...(start + 2 < matching.length ? { nextCursor: String(start + 2) } : {}) });
  };
  return { api: new ParleyApi({ baseUrl: BASE, fetch: fetchImpl }), requests };
}

function renderSidebar(api: ParleyApi, overrides: Partial<Parameters<typeof ThreadSidebar>[0]> = {}) {
  const props = {
    api,
    activeThreadId: null,
    liveThread: null,
    open: true,
    onOpenThread: vi.fn(),
    onNewChat: vi.fn(),
    onClose: vi.fn(),
    onActiveDeleted: vi.fn(),
    ...overrides,
  };
  render(<ThreadSidebar {...props} />);
  return props;
}

const names = () => screen.queryAllByTestId('thread-item').map((item) => item.querySelector('.thread-open')?.textContent);

describe('ThreadSidebar', () => {
  const threads = [thread('t1', 'Paris trip'), thread('t2', 'Taxes'), thread('t3', 'Paris food')];

  it('lists threads in server order and loads more by cursor', async () => {
    const user = userEvent.setup();
    const { api } = threadServer(threads);
    renderSidebar(api);
    await waitFor(() => expect(names()).toEqual(['Paris trip', 'Taxes']));
    await user.click(screen.getByTestId('threads-load-more'));
    await waitFor(() => expect(names()).toEqual(['Paris trip', 'Taxes', 'Paris food']));
    expect(screen.queryByTestId('threads-load-more')).toBeNull();
  });

  it('searches after typing stops', async () => {
    const user = userEvent.setup();
    const { api, requests } = threadServer(threads);
    renderSidebar(api);
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.type(screen.getByTestId('thread-search'), 'food');
    await waitFor(() => expect(names()).toEqual(['Paris food']));
    // One request for the first page and one for the settled search, none per keystroke.
    expect(requests.map((request) => request.url.searchParams.get('search'))).toEqual([null, 'food']);
  });

  it('opens a thread on click', async () => {
    const user = userEvent.setup();
    const { api } = threadServer(threads);
    const props = renderSidebar(api);
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.click(screen.getByText('Taxes'));
    expect(props.onOpenThread).toHaveBeenCalledWith('t2');
  });

  it('renames inline', async () => {
    const user = userEvent.setup();
    const { api, requests } = threadServer(threads);
    renderSidebar(api);
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.click(screen.getAllByTestId('thread-rename-button')[1] as HTMLElement);
    const input = screen.getByTestId('thread-rename-input');
    await user.clear(input);
    await user.type(input, 'Tax return{Enter}');
    await waitFor(() => expect(names()).toEqual(['Paris trip', 'Tax return']));
    expect(requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it('deletes only after confirmation, and reports deleting the open thread', async () => {
    const user = userEvent.setup();
    const { api, requests } = threadServer(threads);
    const props = renderSidebar(api, { activeThreadId: 't1' });
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.click(screen.getAllByTestId('thread-delete-button')[0] as HTMLElement);
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
    await user.click(screen.getByTestId('thread-delete-confirm'));
    await waitFor(() => expect(names()).toEqual(['Taxes']));
    expect(props.onActiveDeleted).toHaveBeenCalled();
  });

  it('shows the live chat before the server lists it', async () => {
    const { api } = threadServer(threads);
    renderSidebar(api, { liveThread: thread('t9', 'Brand new') });
    await waitFor(() => expect(names()).toEqual(['Brand new', 'Paris trip', 'Taxes']));
  });

  it('keeps listing the previous live chat after a new chat starts', async () => {
    const { api } = threadServer(threads);
    const props = {
      api,
      activeThreadId: 't9',
      liveThread: thread('t9', 'Brand new'),
      open: true,
      onOpenThread: vi.fn(),
      onNewChat: vi.fn(),
      onClose: vi.fn(),
      onActiveDeleted: vi.fn(),
    };
    const { rerender } = render(<ThreadSidebar {...props} />);
    await waitFor(() => expect(names()).toEqual(['Brand new', 'Paris trip', 'Taxes']));
    rerender(<ThreadSidebar {...props} activeThreadId={null} liveThread={null} />);
    await waitFor(() => expect(names()).toEqual(['Brand new', 'Paris trip', 'Taxes']));
    rerender(<ThreadSidebar {...props} activeThreadId="t10" liveThread={thread('t10', 'Second')} />);
    await waitFor(() => expect(names()).toEqual(['Second', 'Brand new', 'Paris trip', 'Taxes']));
  });

  it('moves the live chat to the top when it gets a new message, not when it is only opened or renamed', async () => {
    const { api } = threadServer(threads);
    const props = {
      api,
      activeThreadId: 't2',
      liveThread: thread('t2', 'Taxes'),
      open: true,
      onOpenThread: vi.fn(),
      onNewChat: vi.fn(),
      onClose: vi.fn(),
      onActiveDeleted: vi.fn(),
    };
    const { rerender } = render(<ThreadSidebar {...props} />);
    await waitFor(() => expect(names()).toEqual(['Paris trip', 'Taxes']));
    rerender(<ThreadSidebar {...props} liveThread={{ ...thread('t2', 'Taxes 2026') }} />);
    await waitFor(() => expect(names()).toEqual(['Paris trip', 'Taxes 2026']));
    rerender(<ThreadSidebar {...props} liveThread={{ ...thread('t2', 'Taxes 2026'), updatedAt: '2026-11-21T09:00:00+00:00' }} />);
    await waitFor(() => expect(names()).toEqual(['Taxes 2026', 'Paris trip']));
  });

  it('reports a rename so the open chat can retitle itself', async () => {
    const user = userEvent.setup();
    const { api } = threadServer(threads);
    const onRenamed = vi.fn();
    renderSidebar(api, { activeThreadId: 't1', onRenamed });
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.click(screen.getAllByTestId('thread-rename-button')[0] as HTMLElement);
    const input = screen.getByTestId('thread-rename-input');
    await user.clear(input);
    await user.type(input, 'Lisbon trip{Enter}');
    await waitFor(() => expect(onRenamed).toHaveBeenCalledWith('t1', 'Lisbon trip'));
  });
});
