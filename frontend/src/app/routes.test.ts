import { describe, expect, it } from 'vitest';
import { threadIdFromUrl, threadUrl } from './routes';

const BASE = 'https://chat.example.com/support/';

describe('routes', () => {
  it('reads the thread id under the mount path', () => {
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/thr%2F1')).toBe('thr/1');
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/abc/')).toBe('abc');
  });

  it('finds no thread on the base or outside it', () => {
    expect(threadIdFromUrl(BASE, BASE)).toBeNull();
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/other/thread/abc')).toBeNull();
    expect(threadIdFromUrl(BASE, 'https://chat.example.com/support/thread/a/b')).toBeNull();
  });

  it('builds thread URLs that round-trip', () => {
    expect(threadUrl(BASE, 'a b')).toBe('https://chat.example.com/support/thread/a%20b');
    expect(threadIdFromUrl(BASE, threadUrl(BASE, 'a b'))).toBe('a b');
  });
});
