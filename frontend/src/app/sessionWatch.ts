/**
 * Tells the app that the server refused this browser's session (a 401 from the API or the hub):
 * signed out elsewhere, revoked, expired. The app then checks and, if so, shows the sign-in page.
 */
export class SessionWatch {
  private readonly listeners = new Set<() => void>();

  /** Reports a refusal; safe to pass around as a callback. */
  readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
