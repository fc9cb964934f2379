// The app's only routes: the base (a new chat) and `{base}thread/{id}` (a thread from history).

export function threadIdFromUrl(base: string, href: string): string | null {
  const basePath = new URL(base).pathname;
  const path = new URL(href, base).pathname;
  if (!path.startsWith(basePath)) return null;
  const match = /^thread\/([^/]+)\/?$/.exec(path.slice(basePath.length));
  if (match?.[1] === undefined) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function threadUrl(base: string, threadId: string): string {
  return `${base}thread/${encodeURIComponent(threadId)}`;
}

/** Whether `href` is the sign-in page, `{base}login`. */
export function isLoginUrl(base: string, href: string): boolean {
  const basePath = new URL(base).pathname;
  const path = new URL(href, base).pathname;
  return path === `${basePath}login` || path === `${basePath}login/`;
}

/**
 * Where to go after signing in: the `returnUrl` query parameter if it is a page of this app
 * (never another site, which would make the sign-in page an open redirect), else the base.
 */
export function returnUrlFrom(base: string, href: string): string {
  const requested = new URL(href, base).searchParams.get('returnUrl');
  if (requested === null) return base;
  try {
    const target = new URL(requested, base);
    const app = new URL(base);
    if (target.origin !== app.origin || !target.pathname.startsWith(app.pathname) || isLoginUrl(base, target.href)) return base;
    return target.href;
  } catch {
    return base;
  }
}

export function loginUrl(base: string, returnUrl?: string): string {
  return returnUrl === undefined ? `${base}login` : `${base}login?returnUrl=${encodeURIComponent(returnUrl)}`;
}
