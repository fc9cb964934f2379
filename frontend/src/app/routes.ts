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
  return requested === null ? base : pageOfApp(base, requested);
}

/** `url` resolved against the base if it is a page of this app other than the sign-in page, else the base. */
export function pageOfApp(base: string, url: string): string {
  try {
    const target = new URL(url, base);
    const app = new URL(base);
    if (target.origin !== app.origin || !target.pathname.startsWith(app.pathname) || isLoginUrl(base, target.href)) return base;
    return target.href;
  } catch {
    return base;
  }
}

/** The sign-in page; with the page to come back to afterwards (`?returnUrl=/its/path`). */
export function loginUrl(base: string, returnTo?: string): string {
  return returnTo === undefined ? `${base}login` : `${base}login?returnUrl=${encodeURIComponent(sitePath(new URL(returnTo, base).href))}`;
}

/** The path and query of an absolute URL: what the server accepts as a `returnUrl` (a path on this site). */
export function sitePath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** The code an OAuth callback sent the browser back with (`?auth_error=denied`), or null. */
export function authErrorFrom(href: string): string | null {
  const code = new URL(href).searchParams.get('auth_error');
  return code === null || code === '' ? null : code;
}

/** The sign-in page showing an OAuth callback's error. */
export function authErrorUrl(base: string, code: string): string {
  return `${base}login?auth_error=${encodeURIComponent(code)}`;
}
