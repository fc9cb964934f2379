/**
 * Remembers the copilot's current thread per Parley server in sessionStorage, so a reload of the
 * host page resumes the conversation. Only the thread id is kept (the server checks it belongs to
 * the user); never a token. Storage may be unavailable (sandboxed frames, privacy settings): the
 * widget then starts a new chat on every load.
 */
export class ThreadMemory {
  private readonly key: string;

  constructor(
    server: string,
    private readonly storage: () => Storage | null = () => (typeof sessionStorage === 'undefined' ? null : sessionStorage),
  ) {
    this.key = `parley.copilot.thread:${server}`;
  }

  get(): string | null {
    try {
      return this.storage()?.getItem(this.key) ?? null;
    } catch {
      return null;
    }
  }

  set(threadId: string): void {
    try {
      this.storage()?.setItem(this.key, threadId);
    } catch {
      // Not remembered; the next load starts a new chat.
    }
  }

  clear(): void {
    try {
      this.storage()?.removeItem(this.key);
    } catch {
      // Nothing to forget.
    }
  }
}
