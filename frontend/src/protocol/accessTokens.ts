// Bearer tokens for the copilot: the host page hands the widget a token and, optionally, a
// callback that fetches a fresh one. Tokens live in memory only, never in Web Storage.

export type AccessTokenCallback = () => string | null | undefined | Promise<string | null | undefined>;

/** A token this close to its `exp` is replaced before it is sent. */
const EXPIRY_MARGIN_MS = 30_000;
/** A token fetched this recently is used even if it expires soon, so short-lived tokens cannot cause a fetch per request. */
const FRESH_MS = 5_000;

/**
 * The current bearer token. A new one is fetched from the host's callback when there is none yet,
 * when the current one expires within 30 seconds (read from its `exp`, without verifying it:
 * only the server verifies), and after the server rejected it (`invalidate`, on a 401 or a
 * reconnect). Concurrent callers share one fetch.
 */
export class AccessTokens {
  private token: string | null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private stale = false;
  private pending: Promise<string | null> | null = null;

  constructor(
    initial: string | null | undefined,
    private readonly fetchToken: AccessTokenCallback | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.token = initial ?? null;
  }

  /** The token to send now; fetches a fresh one first when needed and possible. */
  get = async (): Promise<string | null> => {
    if (this.fetchToken === undefined || !this.needsFresh()) return this.token;
    return this.refresh(this.fetchToken);
  };

  /** The server refused the current token: the next `get` fetches a fresh one. */
  invalidate = (): void => {
    this.stale = true;
  };

  private needsFresh(): boolean {
    if (this.token === null || this.stale) return true;
    const expiry = tokenExpiry(this.token);
    return expiry !== null && expiry - this.now() < EXPIRY_MARGIN_MS && this.now() - this.fetchedAt > FRESH_MS;
  }

  private refresh(fetchToken: AccessTokenCallback): Promise<string | null> {
    this.pending ??= (async () => {
      try {
        const token = (await fetchToken()) ?? null;
        this.token = token;
        this.stale = false;
        this.fetchedAt = this.now();
        return token;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }
}

/** The `exp` of a JWT in milliseconds, or null if the token is not a JWT with a numeric `exp`. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    if (typeof claims !== 'object' || claims === null || !('exp' in claims)) return null;
    const exp = (claims as { exp: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
