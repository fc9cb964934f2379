import { useCallback, useRef, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import { errorMessage } from '../chat/ChatContext';
import { type FileLimits, checkFiles } from './fileLimits';

export interface Attachment {
  localId: number;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'failed';
  /** The server's file id, once uploaded. */
  fileId?: string;
}

export interface Attachments {
  items: readonly Attachment[];
  /** Why files were refused or failed, for the user. */
  problems: readonly string[];
  uploading: boolean;
  readyIds: string[];
  add(files: readonly File[]): void;
  remove(localId: number): void;
  clear(): void;
}

/** Files attached to the next message (or ask reply): checked against the limits, then uploaded at once. */
export function useAttachments(api: ParleyApi, limits: FileLimits): Attachments {
  const [items, setItems] = useState<readonly Attachment[]>([]);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const nextId = useRef(1);
  const countRef = useRef(0);
  countRef.current = items.length;

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      const { accepted, rejected } = checkFiles(files, countRef.current, limits);
      setProblems(rejected.map((entry) => entry.reason));
      if (accepted.length === 0) return;
      const added = accepted.map((file) => ({
        localId: nextId.current++,
        name: file.name,
        size: file.size,
        status: 'uploading' as const,
      }));
      countRef.current += added.length;
      setItems((current) => [...current, ...added]);
      const ids = new Set(added.map((entry) => entry.localId));
      api.uploadFiles(accepted).then(
        (uploaded) =>
          setItems((current) =>
            current.map((item) => {
              if (!ids.has(item.localId)) return item;
              const file = uploaded[added.findIndex((entry) => entry.localId === item.localId)];
              return file ? { ...item, status: 'ready', fileId: file.id } : { ...item, status: 'failed' };
            }),
          ),
        (error: unknown) => {
          setProblems((current) => [...current, `Upload failed: ${errorMessage(error)}`]);
          setItems((current) => current.map((item) => (ids.has(item.localId) ? { ...item, status: 'failed' } : item)));
        },
      );
    },
    [api, limits],
  );

  const remove = useCallback((localId: number) => {
    setItems((current) => current.filter((item) => item.localId !== localId));
  }, []);

  const clear = useCallback(() => {
    setItems([]);
    setProblems([]);
  }, []);

  return {
    items,
    problems,
    uploading: items.some((item) => item.status === 'uploading'),
    readyIds: items.flatMap((item) => (item.status === 'ready' && item.fileId !== undefined ? [item.fileId] : [])),
    add,
    remove,
    clear,
  };
}
