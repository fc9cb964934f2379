import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../chat/ChatContext';

/**
 * A value from the server (a dialog's list), fetched on mount and again on `reload()` after a
 * change. A failed fetch goes to `onError` and keeps what was shown. `fetch` should be stable
 * (`useCallback`): a new function fetches again.
 */
export function useReloadable<T>(fetch: () => Promise<T>, onError: (message: string) => void): { value: T | null; reload: () => Promise<void> } {
  const [value, setValue] = useState<T | null>(null);
  const reload = useCallback(async () => {
    try {
      setValue(await fetch());
    } catch (error) {
      onError(errorMessage(error));
    }
  }, [fetch, onError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, reload };
}
