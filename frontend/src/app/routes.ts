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
