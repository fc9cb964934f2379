import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import type { ThreadDto } from '../../protocol/dtos';
import { errorMessage } from '../../chat/ChatContext';

const PAGE_SIZE = 30;

export interface ThreadList {
  items: readonly ThreadDto[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore(): void;
  rename(id: string, name: string): Promise<ThreadDto>;
  remove(id: string): Promise<void>;
  /**
   * The live chat's thread: listed first until the server lists it, renamed as the chat reports,
   * and moved to the top when its `updatedAt` changes (a new message), as the server will list it.
   */
  setLive(thread: ThreadDto | null): void;
}

/** The user's thread history for `search`: newest first, paged by the server's cursor. */
export function useThreads(api: ParleyApi, search: string): ThreadList {
  const [items, setItems] = useState<readonly ThreadDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [live, setLiveState] = useState<ThreadDto | null>(null);
  const liveRef = useRef<ThreadDto | null>(null);
  const searchRef = useRef(search);
  searchRef.current = search;
  // Answers for an older search that arrive late must not overwrite the current one.
  const generation = useRef(0);

  const load = useCallback(
    (pageCursor: string | null, replace: boolean) => {
      const current = ++generation.current;
      setLoading(true);
      api
        .listThreads({ search: search || undefined, cursor: pageCursor ?? undefined, limit: PAGE_SIZE })
        .then(
          (page) => {
            if (current !== generation.current) return;
            setItems((existing) => {
              if (replace) return page.items;
              const known = new Set(existing.map((thread) => thread.id));
              return [...existing, ...page.items.filter((thread) => !known.has(thread.id))];
            });
            setCursor(page.nextCursor ?? null);
            setError(null);
          },
          (caught: unknown) => {
            if (current === generation.current) setError(errorMessage(caught));
          },
        )
        .finally(() => {
          if (current === generation.current) setLoading(false);
        });
    },
    [api, search],
  );

  useEffect(() => load(null, true), [load]);

  const loadMore = useCallback(() => {
    if (cursor !== null && !loading) load(cursor, false);
  }, [cursor, loading, load]);

  const rename = useCallback(
    async (id: string, name: string) => {
      const updated = await api.renameThread(id, name);
      setItems((existing) => existing.map((thread) => (thread.id === id ? updated : thread)));
      if (liveRef.current?.id === id) liveRef.current = { ...liveRef.current, name: updated.name };
      setLiveState((current) => (current?.id === id ? { ...current, name: updated.name } : current));
      return updated;
    },
    [api],
  );

  const remove = useCallback(
    async (id: string) => {
      await api.deleteThread(id);
      setItems((existing) => existing.filter((thread) => thread.id !== id));
      if (liveRef.current?.id === id) liveRef.current = null;
      setLiveState((current) => (current?.id === id ? null : current));
    },
    [api],
  );

  // A thread that stops being the live one (the user started another chat) stays listed, as the
  // server would list it now; the list itself was loaded before that thread existed.
  const setLive = useCallback((thread: ThreadDto | null) => {
    const previous = liveRef.current;
    liveRef.current = thread;
    if (previous !== null && previous.id !== thread?.id && searchRef.current === '') {
      setItems((existing) => (existing.some((item) => item.id === previous.id) ? existing : [previous, ...existing]));
    }
    if (previous !== null && thread !== null && previous.id === thread.id && previous.updatedAt !== thread.updatedAt && searchRef.current === '') {
      setItems((existing) => {
        const index = existing.findIndex((item) => item.id === thread.id);
        if (index <= 0) return existing;
        return [{ ...(existing[index] as ThreadDto), updatedAt: thread.updatedAt }, ...existing.slice(0, index), ...existing.slice(index + 1)];
      });
    }
    setLiveState(thread);
  }, []);

  // Merged at read time, so a page arriving later cannot drop the live thread.
  const merged = useMemo(() => {
    if (live === null) return items;
    const index = items.findIndex((thread) => thread.id === live.id);
    if (index === -1) return search === '' ? [live, ...items] : items;
    return items[index]?.name === live.name || live.name == null
      ? items
      : items.map((thread) => (thread.id === live.id ? { ...thread, name: live.name } : thread));
  }, [items, live, search]);

  return { items: merged, loading, error, hasMore: cursor !== null, loadMore, rename, remove, setLive };
}
