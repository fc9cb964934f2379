import { useEffect, useRef, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { ThreadDto } from '../../protocol/dtos';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { Icon } from '../common/Icon';
import { IconButton } from '../common/IconButton';
import { ThreadItem } from './ThreadItem';
import { useThreads } from './useThreads';

interface ThreadSidebarProps {
  api: ParleyApi;
  activeThreadId: string | null;
  /** The live chat's thread once it has messages, so it shows (and renames) without a reload. */
  liveThread: ThreadDto | null;
  open: boolean;
  onOpenThread: (id: string) => void;
  onNewChat: () => void;
  onClose: () => void;
  /** Called after the active thread was deleted. */
  onActiveDeleted: () => void;
  /** Called after a thread was renamed, so the open thread's title can follow. */
  onRenamed?: (id: string, name: string) => void;
}

/** Thread history: search, newest first, more pages on scroll. A drawer on narrow screens. */
export function ThreadSidebar(props: ThreadSidebarProps) {
  const { api, activeThreadId, liveThread, open, onOpenThread, onNewChat, onClose, onActiveDeleted, onRenamed } = props;
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const threads = useThreads(api, debounced);
  const sentinel = useRef<HTMLLIElement>(null);
  const { setLive, loadMore, hasMore } = threads;

  useEffect(() => setLive(liveThread), [liveThread, setLive]);

  // Loads the next page when the end of the list scrolls into view; the button remains for keyboards.
  useEffect(() => {
    const target = sentinel.current;
    if (target === null || !hasMore || typeof IntersectionObserver !== 'function') return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, loadMore]);

  return (
    <>
      {open && <div className="drawer-backdrop" onClick={onClose} />}
      <nav className={`sidebar${open ? ' open' : ''}`} data-testid="thread-sidebar" aria-label="Chat history">
        <div className="sidebar-header">
          <button type="button" className="primary-button new-chat" data-testid="new-chat-button" onClick={onNewChat}>
            <Icon name="plus" /> New chat
          </button>
          <IconButton icon="close" label="Close history" className="drawer-close" onClick={onClose} />
        </div>
        <label className="search">
          <Icon name="search" />
          <input
            type="search"
            data-testid="thread-search"
            aria-label="Search chats"
            placeholder="Search chats"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </label>
        <ul className="thread-list">
          {threads.items.map((thread) => (
            <ThreadItem
              key={thread.id}
              thread={thread}
              active={thread.id === activeThreadId}
              onOpen={onOpenThread}
              onRename={async (id, name) => {
                const renamed = await threads.rename(id, name);
                onRenamed?.(id, renamed.name ?? name);
              }}
              onDelete={async (id) => {
                await threads.remove(id);
                if (id === activeThreadId) onActiveDeleted();
              }}
            />
          ))}
          {hasMore && (
            <li ref={sentinel} className="thread-more">
              <button type="button" className="secondary-button" data-testid="threads-load-more" disabled={threads.loading} onClick={loadMore}>
                {threads.loading ? 'Loading…' : 'Load more'}
              </button>
            </li>
          )}
        </ul>
        {!threads.loading && threads.items.length === 0 && threads.error === null && (
          <p className="muted sidebar-empty">{debounced ? 'No chats match.' : 'No chats yet.'}</p>
        )}
        {threads.error && (
          <p className="error-text" role="alert">
            {threads.error}
          </p>
        )}
      </nav>
    </>
  );
}
