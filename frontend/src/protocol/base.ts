/**
 * The absolute URL the app is mounted at, always ending in "/". The server injects it as
 * `<meta name="parley-base">` because the same index.html serves any mount path ("/", "/support/").
 */
export function resolveBase(doc: Document = document): string {
  const meta = doc.querySelector('meta[name="parley-base"]')?.getAttribute('content');
  return withTrailingSlash(new URL(meta ?? './', doc.baseURI).href);
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Resolves a URL the server sent (element, login link) against the base, refusing anything but http(s). */
export function safeUrl(url: string | null | undefined, base: string): string | null {
  if (url === null || url === undefined || url === '') return null;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}
